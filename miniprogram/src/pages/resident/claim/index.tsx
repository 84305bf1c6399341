import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import ClaimForm from '../../../components/ClaimForm';
import PageShell from '../../../components/PageShell';
import { reloadMe } from '../../../hooks/useMe';
import { useI18n } from '../../../i18n';
import { fetchChildren, fetchComplexes, fetchRooms, submitClaim } from '../../../services/resident';
import type { Claim } from '../../../services/types';

const loaders = { complexes: fetchComplexes, children: fetchChildren, rooms: fetchRooms };

/** 认领房屋: bind this account to a dwelling of the roster. */
export default function ClaimPage() {
  const { t } = useI18n();
  const [result, setResult] = useState<Claim | null>(null);

  if (result) {
    const ok = result.status === 'active';
    return (
      <PageShell titleKey='claim.title'>
        <View className='card' data-testid='claim-result' data-status={result.status}>
          <Text className={`badge ${ok ? 'badge--ok' : 'badge--warn'}`}>{t(`binding.status.${result.status}`)}</Text>
          <Text className='card__title' style={{ marginTop: '8px' }}>
            {ok ? t('claim.doneActive') : t('claim.donePending')}
          </Text>
          <Text className='card__meta'>{result.message}</Text>
        </View>
        <Button className='btn' onClick={() => Taro.redirectTo({ url: '/pages/resident/dwellings/index' })}>
          {t('claim.seeStatus')}
        </Button>
        <View className='spacer' />
        <Button className='btn btn--ghost' onClick={() => Taro.switchTab({ url: '/pages/index/index' })}>
          {t('common.toHome')}
        </Button>
      </PageShell>
    );
  }

  return (
    <PageShell titleKey='claim.title'>
      <Text className='section-title'>{t('claim.title')}</Text>
      <Text className='form-hint'>{t('claim.intro')}</Text>
      <ClaimForm
        loaders={loaders}
        onSubmit={async (body) => {
          const r = await submitClaim(body);
          await reloadMe();
          setResult(r);
        }}
      />
    </PageShell>
  );
}
