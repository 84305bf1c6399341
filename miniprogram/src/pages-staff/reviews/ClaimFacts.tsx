import type { ClaimList } from '@gongzhi/shared';
import { Text, View } from '@tarojs/components';
import type { z } from 'zod';
import { useI18n, type MessageKey } from '../../i18n';

type Claim = z.infer<typeof ClaimList>['items'][number];

/**
 * What the reviewer checks: the name the claimant typed, the roster's owners (masked), why it came to review and each
 * fact compared with the roster. The claimant never sees these.
 */
export default function ClaimFacts({ claim: c }: { claim: Claim }) {
  const { t } = useI18n();
  const f = c.facts;
  const facts: [MessageKey, boolean][] = [['staff.rv.fact.name', f.nameMatches]];
  if (c.relation === 'owner') facts.push(['staff.rv.fact.number', f.numberMatches], ['staff.rv.fact.id', f.idMatches]);
  facts.push(['staff.rv.fact.phone', f.phoneVerified]);
  const agrees = f.phoneVerified || (f.nameMatches && (f.numberMatches || f.idMatches));
  return (
    <View data-testid='claim-facts'>
      <Text className='card__meta'>
        {t('staff.rv.claimedName', { name: c.claimedName ?? '—' })} · {t('staff.rv.rosterOwners', { names: c.dwelling.owners.map((o) => o.name).join('、') || '—' })}
      </Text>
      {c.reviewReason && <Text className='card__meta'>{t('staff.rv.why', { why: t(`staff.rv.rr.${c.reviewReason}`) })}</Text>}
      <Text className='card__meta'>{t('staff.rv.facts')}</Text>
      <View style={{ display: 'flex', flexWrap: 'wrap', gap: '6px', marginTop: '4px' }}>
        {facts.map(([k, ok]) => (
          <Text key={k} className={`st-pill ${ok ? 'st-pill--good' : 'st-pill--neutral'}`} data-fact={k} data-ok={ok ? '1' : '0'}>
            {t(k)}：{ok ? t('staff.rv.fact.yes') : t('staff.rv.fact.no')}
          </Text>
        ))}
      </View>
      <Text className={`st-pill ${agrees ? 'st-pill--good' : 'st-pill--warn'}`} style={{ marginTop: '6px' }}>
        {agrees ? t('staff.rv.matched') : t('staff.rv.notMatched')}
      </Text>
    </View>
  );
}
