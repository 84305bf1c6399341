import { describe, expect, it } from '@jest/globals';
import { projectTimeline } from './data';

describe('project timeline', () => {
  it('marks stages before the current one done, with the date each was entered', () => {
    const steps = projectTimeline(
      'design',
      [
        { to: 'reserve', at: '2026-01-01' },
        { to: 'annual_plan', at: '2026-03-01' },
        { to: 'design', at: '2026-05-01' },
      ],
      (s) => s,
      (iso) => iso.slice(0, 7),
    );
    expect(steps.map((s) => [s.key, s.state, s.meta])).toEqual([
      ['reserve', 'done', '2026-01'],
      ['annual_plan', 'done', '2026-03'],
      ['design', 'current', '2026-05'],
      ['publicity', 'todo', undefined],
      ['construction', 'todo', undefined],
      ['acceptance', 'todo', undefined],
      ['evaluation', 'todo', undefined],
    ]);
  });
});
