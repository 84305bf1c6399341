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
  // The claimant gave either the last four digits or the full ID number: one "number" fact, named after what matched.
  const numberKey: MessageKey = f.idMatches ? 'staff.rv.fact.id' : f.numberMatches ? 'staff.rv.fact.number' : 'staff.rv.fact.numberAny';
  const facts: [string, string, boolean][] = [];
  if (c.relation === 'owner' && !f.phoneVerified) {
    facts.push(['name', t('staff.rv.fact.name'), f.nameMatches], ['number', t(numberKey), f.numberMatches || f.idMatches]);
  }
  const agrees = f.phoneVerified || (f.nameMatches && (f.numberMatches || f.idMatches));
  return (
    <View data-testid="claim-facts">
      <Text className="card__meta">
        {t('staff.rv.claimedName', { name: c.claimedName ?? '—' })} ·{' '}
        {t('staff.rv.rosterOwners', { names: c.dwelling.owners.map((o) => o.name).join('、') || '—' })}
      </Text>
      {c.reviewReason && <Text className="card__meta">{t('staff.rv.why', { why: t(`staff.rv.rr.${c.reviewReason}`) })}</Text>}
      <Text className="card__meta">{t('staff.rv.facts')}</Text>
      <View style={{ display: 'flex', flexWrap: 'wrap', gap: '6px', marginTop: '4px' }}>
        {facts.map(([id, label, ok]) => (
          <Text key={id} className={`st-pill ${ok ? 'st-pill--good' : 'st-pill--bad'}`} data-fact={id} data-ok={ok ? '1' : '0'}>
            {label}：{ok ? t('staff.rv.fact.yes') : t('staff.rv.fact.no')}
          </Text>
        ))}
        <Text className={`st-pill ${f.phoneVerified ? 'st-pill--good' : 'st-pill--neutral'}`} data-fact="phone" data-ok={f.phoneVerified ? '1' : '0'}>
          {t('staff.rv.fact.phone')}：{f.phoneVerified ? t('staff.rv.fact.verified') : t('staff.rv.fact.notVerified')}
        </Text>
      </View>
      {c.relation === 'owner' && (
        <Text className={`st-pill ${agrees ? 'st-pill--good' : 'st-pill--warn'}`} style={{ marginTop: '6px' }}>
          {agrees ? t('staff.rv.matched') : t('staff.rv.notMatched')}
        </Text>
      )}
    </View>
  );
}
