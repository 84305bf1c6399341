import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import ClaimForm from '../../../components/ClaimForm';
import PageShell from '../../../components/PageShell';
import { reloadMe } from '../../../hooks/useMe';
import { useI18n } from '../../../i18n';
import { claimForReview, claimWithPhone, REVIEW_REASON_KEYS, type ClaimOutcome } from '../../../services/binding';
import { fetchChildren, fetchComplexes, fetchRooms } from '../../../services/resident';

const loaders = { complexes: fetchComplexes, children: fetchChildren, rooms: fetchRooms };

/** 认领房屋: bind this account to a dwelling of the roster (owners by verified phone, the rest by review). */
export default function ClaimPage() {
  const { t } = useI18n();
  const [result, setResult] = useState<ClaimOutcome | null>(null);
  const done = async (r: ClaimOutcome) => {
    await reloadMe();
    setResult(r);
  };

  if (result) {
    const ok = result.status === 'active';
    const why = result.reviewReason ? REVIEW_REASON_KEYS[result.reviewReason] : null;
    return (
      <PageShell titleKey="claim.title">
        <View className="card" data-testid="claim-result" data-status={result.status} data-reason={result.reviewReason ?? ''}>
          <Text className={`badge ${ok ? 'badge--ok' : 'badge--warn'}`}>{t(`binding.status.${result.status}`)}</Text>
          <Text className="card__title" style={{ marginTop: '8px' }}>
            {ok ? t('bind.done.active') : t('bind.done.pending')}
          </Text>
          {ok && <Text className="card__meta">{t('bind.done.activeHint')}</Text>}
          {why && (
            <View style={{ marginTop: '12px' }}>
              <Text className="form-label">{t('bind.done.why')}</Text>
              <Text className="card__meta" data-testid="claim-why">
                {t(why)}
              </Text>
            </View>
          )}
        </View>
        {ok ? (
          <Button className="btn" onClick={() => Taro.switchTab({ url: '/pages/consultations/index' })} data-testid="claim-to-vote">
            {t('bind.done.toVote')}
          </Button>
        ) : (
          <Button className="btn" onClick={() => Taro.redirectTo({ url: '/pages/resident/dwellings/index' })}>
            {t('claim.seeStatus')}
          </Button>
        )}
        <View className="spacer" />
        <Button className="btn btn--ghost" onClick={() => Taro.switchTab({ url: '/pages/index/index' })}>
          {t('common.toHome')}
        </Button>
      </PageShell>
    );
  }

  return (
    <PageShell titleKey="claim.title">
      <Text className="form-hint">{t('claim.intro')}</Text>
      <ClaimForm
        loaders={loaders}
        onPhone={async (dwellingId, code) => done(await claimWithPhone(dwellingId, code))}
        onReview={async (body) => done(await claimForReview(body))}
      />
    </PageShell>
  );
}
