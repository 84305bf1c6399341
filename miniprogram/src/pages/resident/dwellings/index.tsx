import { Button, Text, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import LoginButton from '../../../components/LoginButton';
import PageShell from '../../../components/PageShell';
import StateView from '../../../components/StateView';
import { useMe } from '../../../hooks/useMe';
import { useRealtimeEvent } from '../../../hooks/useRealtime';
import { useI18n } from '../../../i18n';
import { REVIEW_REASON_KEYS } from '../../../services/binding';
import { dwellingLabel, sqm } from '../../../services/labels';
import { formatDateTime } from '../../../utils/format';

const TONE = { active: 'badge--ok', pending: 'badge--warn', rejected: 'badge--bad', revoked: '', suspended: 'badge--bad' } as const;

/** 我的房屋: every binding with its relation and claim status (why it waits; the reviewer's reason when rejected). */
export default function Dwellings() {
  const { t } = useI18n();
  const { me, loading, error, status, reload } = useMe();
  useDidShow(reload);
  // The committee's decision arrives live on the user's own room.
  useRealtimeEvent('binding.decided', reload);
  const bindings = me?.bindings ?? [];
  return (
    <PageShell titleKey="dwellings.title">
      <Text className="section-title">{t('dwellings.title')}</Text>
      <StateView
        loading={loading && !me}
        error={error}
        onRetry={reload}
        action={status === 401 ? <LoginButton /> : undefined}
        empty={bindings.length === 0}
        emptyText={t('dwellings.empty')}
      >
        {bindings.map((b) => (
          <View key={b.id} className="card" data-testid="binding" data-status={b.status}>
            <View className="consultation-card__head">
              <Text className={`badge ${TONE[b.status]}`}>{t(`binding.status.${b.status}`)}</Text>
              <Text className="badge">{t(`relation.${b.relation}`)}</Text>
            </View>
            <Text className="card__title">{dwellingLabel(t, b.dwelling)}</Text>
            <Text className="card__meta">
              {t('dwelling.floor', { n: b.dwelling.floor })} · {t('dwelling.area', { area: sqm(b.dwelling.area) })}
            </Text>
            <Text className="card__meta">{t('dwellings.claimedAt', { date: formatDateTime(b.createdAt) })}</Text>
            {b.status === 'pending' && <Text className="card__meta">{t('dwellings.pendingHint')}</Text>}
            {b.status === 'pending' && b.reviewReason && (
              <Text className="card__meta" data-testid="binding-why">
                {t(REVIEW_REASON_KEYS[b.reviewReason])}
              </Text>
            )}
            {b.status === 'suspended' && <Text className="form-error">{t('bind.err.BINDING_SUSPENDED')}</Text>}
            {b.reason && (
              <Text className="form-error">
                {t('dwellings.reason')}：{b.reason}
              </Text>
            )}
          </View>
        ))}
      </StateView>
      <Button className="btn" onClick={() => Taro.navigateTo({ url: '/pages/resident/claim/index' })} data-testid="go-claim">
        {t('dwellings.claim')}
      </Button>
    </PageShell>
  );
}
