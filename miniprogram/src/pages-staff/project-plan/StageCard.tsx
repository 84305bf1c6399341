import { Text, View } from '@tarojs/components';
import { PROJECT_STATUSES, stageChecks, type StageCheck } from '@gongzhi/shared/src/rules/projectLifecycle';
import { useI18n } from '../../i18n';
import { formatDateTime } from '../../utils/format';
import type { Project } from '../lib/staffApi';

interface Props {
  project: Project;
  canPlan: boolean;
  onAdvance: () => Promise<void>;
}

/** The stage path, what the next stage needs (checked with the server's own rule before asking), the rating window. */
export default function StageCard({ project: p, canPlan, onAdvance }: Props) {
  const { t } = useI18n();
  const next = p.nextStatus;
  // The server lists every condition of the next stage, met or not (it knows the votes and notices); the same rule
  // computed here from the project alone is the fallback when an older response lacks the list.
  const checks: StageCheck[] = p.nextStageChecks
    ? (p.nextStageChecks as StageCheck[])
    : next
      ? stageChecks(next, {
          itemCount: p.items.length,
          fundingBalanced: p.funding ? p.funding.balanced : null,
          acceptancePassed: p.acceptance ? p.acceptance.passed : null,
        })
      : [];
  const problems = checks.filter((c) => !c.met);
  return (
    <View className="card" data-testid="stage-card">
      <Text className="card__title" data-testid="stage-current">
        {t('staff.wb.stage', { stage: t(`project.status.${p.status}`) })}
      </Text>
      <Text className="st-row__meta" style={{ display: 'block' }}>
        {PROJECT_STATUSES.map((s) => (s === p.status ? `【${t(`project.status.${s}`)}】` : t(`project.status.${s}`))).join(' → ')}
      </Text>
      {next && (
        <Text className="st-row__meta" style={{ display: 'block' }} data-testid="stage-needs">
          {t(`staff.wb.needs.${next as 'design'}`)}
        </Text>
      )}
      {checks.length > 0 && (
        <View data-testid="stage-checks">
          <Text className="st-row__meta" style={{ display: 'block' }}>
            {t('staff.wb.checks')}
          </Text>
          {checks.map((c) => (
            <View key={c.code} className="st-row" data-testid={`stage-check-${c.code}`} data-met={c.met ? 'yes' : 'no'}>
              <Text className="st-row__title">
                {c.met ? '✓' : '✗'} {t(`staff.wb.check.${c.code}`)}
              </Text>
              <Text className={`st-pill ${c.met ? 'st-pill--good' : 'st-pill--bad'}`}>{t(c.met ? 'staff.wb.check.met' : 'staff.wb.check.unmet')}</Text>
            </View>
          ))}
        </View>
      )}
      {problems.map((c) => (
        <Text key={c.code} className="st-field__error" style={{ display: 'block' }} data-testid="stage-problem">
          {t(`staff.wb.problem.${c.problem!}`)}
        </Text>
      ))}
      {p.ratingWindow && (
        <Text className="st-row__meta" style={{ display: 'block' }} data-testid="rating-window">
          {t(p.ratingWindow.open ? 'staff.wb.ratingsOpen' : 'staff.wb.ratingsClosed', {
            from: formatDateTime(p.ratingWindow.opensAt),
            to: formatDateTime(p.ratingWindow.closesAt),
          })}
        </Text>
      )}
      {next && canPlan && (
        <View className={`btn ${problems.length ? 'btn--ghost' : ''}`} onClick={onAdvance} data-testid="stage-advance">
          {t('staff.wb.advance', { stage: t(`project.status.${next}`) })}
        </View>
      )}
    </View>
  );
}
