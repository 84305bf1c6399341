import { Input, Text, View } from '@tarojs/components';
import { useI18n } from '../../i18n';
import type { Proof, ReviewDraft, ReviewErrors } from './checks';

interface Props {
  draft: ReviewDraft;
  onChange: (d: ReviewDraft) => void;
  errors: ReviewErrors;
}

/** The owner's review path: the name on the deed and one number, typed on the phone's number keypad. */
export default function OwnerReview({ draft, onChange, errors }: Props) {
  const { t } = useI18n();
  const set = (patch: Partial<ReviewDraft>) => onChange({ ...draft, ...patch });
  const proofs: [Proof, 'bind.review.byPhone4' | 'bind.review.byId'][] = [
    ['phone4', 'bind.review.byPhone4'],
    ['id', 'bind.review.byId'],
  ];
  return (
    <View data-testid="owner-review">
      <Text className="form-label">{t('claim.ownerName')}</Text>
      <Text className="form-hint">{t('claim.ownerNameHint')}</Text>
      <Input
        className={`text-input ${errors.ownerName ? 'text-input--error' : ''}`}
        value={draft.ownerName}
        maxlength={40}
        placeholder={t('claim.ownerNamePlaceholder')}
        onInput={(e) => set({ ownerName: e.detail.value })}
        data-testid="owner-name"
      />
      {errors.ownerName && <Text className="form-error">{t(errors.ownerName)}</Text>}
      <View className="chips" role="radiogroup" style={{ marginTop: '12px' }}>
        {proofs.map(([p, key]) => (
          <View
            key={p}
            role="radio"
            aria-checked={draft.proof === p}
            className={`chip ${draft.proof === p ? 'chip--on' : ''}`}
            onClick={() => set({ proof: p })}
            data-testid={`proof-${p}`}
          >
            {t(key)}
          </View>
        ))}
      </View>
      {draft.proof === 'phone4' ? (
        <View>
          <Text className="form-label">{t('bind.review.last4')}</Text>
          <Input
            className={`text-input claim-digits ${errors.last4 ? 'text-input--error' : ''}`}
            type="number"
            maxlength={4}
            value={draft.last4}
            placeholder="0000"
            onInput={(e) => set({ last4: e.detail.value.replace(/\D/g, '') })}
            data-testid="last4"
          />
          {errors.last4 && <Text className="form-error">{t(errors.last4)}</Text>}
        </View>
      ) : (
        <View>
          <Text className="form-label">{t('bind.review.idNumber')}</Text>
          <Text className="form-hint">{t('bind.review.idHint')}</Text>
          <Input
            className={`text-input claim-digits ${errors.idNumber ? 'text-input--error' : ''}`}
            type="idcard"
            maxlength={18}
            value={draft.idNumber}
            onInput={(e) => set({ idNumber: e.detail.value.toUpperCase() })}
            data-testid="id-number"
          />
          {errors.idNumber && <Text className="form-error">{t(errors.idNumber)}</Text>}
        </View>
      )}
    </View>
  );
}
