import { PROJECT_STATUSES, type ProjectStatus } from '@gongzhi/shared/src/rules/projectLifecycle';
import type { TimelineStep } from './index';

/** Project stages as a timeline: stages before the current one are done, with the date each was entered. */
export function projectTimeline(
  status: ProjectStatus,
  transitions: readonly { to: string; at: string }[],
  label: (s: ProjectStatus) => string,
  date: (iso: string) => string,
): TimelineStep[] {
  const current = PROJECT_STATUSES.indexOf(status);
  return PROJECT_STATUSES.map((s, i) => {
    const entered = [...transitions].reverse().find((tr) => tr.to === s);
    return {
      key: s,
      label: label(s),
      state: i < current ? 'done' : i === current ? 'current' : 'todo',
      meta: entered && i <= current ? date(entered.at) : undefined,
    };
  });
}
