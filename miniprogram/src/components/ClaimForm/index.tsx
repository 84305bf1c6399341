import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useEffect, useState } from 'react';
import { useI18n, type MessageKey } from '../../i18n';
import { errorCode, explainError, OFFER_REVIEW, type ReviewClaimBody } from '../../services/binding';
import PhoneVerifyButton, { type DevStandIn } from '../PhoneVerifyButton';
import { checkReview, type ReviewDraft } from './checks';
import DwellingPickers, { type ClaimLoaders } from './DwellingPickers';
import OwnerReview from './OwnerReview';
import './index.scss';

export type { ClaimLoaders };
type Relation = ReviewClaimBody['relation'];

interface Props {
  loaders: ClaimLoaders;
  /** Owner path: the one-time phone code with the chosen dwelling; binds at once when the roster agrees. */
  onPhone: (dwellingId: string, phoneCode: string) => Promise<void>;
  /** Everything else goes to the committee. */
  onReview: (body: ReviewClaimBody) => Promise<void>;
  devStandIn?: DevStandIn;
}

const RELATIONS: Relation[] = ['owner', 'family', 'tenant'];

/** Pick the room, say who you are; owners verify their phone with one tap, everyone else asks for a review. */
export default function ClaimForm({ loaders, onPhone, onReview, devStandIn }: Props) {
  const { t } = useI18n();
  const [dwellingId, setDwellingId] = useState<string | null>(null);
  const [relation, setRelation] = useState<Relation>('owner');
  const [reviewOpen, setReviewOpen] = useState(false);
  const [draft, setDraft] = useState<ReviewDraft>({ ownerName: '', proof: 'phone4', last4: '', idNumber: '' });
  const [tried, setTried] = useState(false);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<{ text: string; code: string | null } | null>(null);

  const fail = (e: unknown) => {
    const code = errorCode(e);
    setProblem({ text: explainError(t, e), code });
    if (code && OFFER_REVIEW.has(code)) setReviewOpen(true);
  };
  const run = async (action: () => Promise<void>) => {
    setBusy(true);
    setProblem(null);
    try {
      await action();
    } catch (e) {
      fail(e);
    } finally {
      setBusy(false);
    }
  };

  // Once the room is chosen the next action is the phone button: bring it into view (large text pushes it down).
  useEffect(() => {
    if (dwellingId && relation === 'owner') {
      Promise.resolve()
        .then(() => Taro.pageScrollTo({ selector: '.claim-phone', duration: 300 }))
        .catch(() => undefined);
    }
  }, [dwellingId, relation]);

  const ownerReview = relation === 'owner' && reviewOpen;
  const reviewErrors = tried && ownerReview ? checkReview(draft) : {};
  const submitReview = () => {
    setTried(true);
    if (!dwellingId || (ownerReview && Object.keys(checkReview(draft)).length > 0)) return;
    const proof = draft.proof === 'phone4' ? { last4: draft.last4 } : { idNumber: draft.idNumber.trim().toUpperCase() };
    void run(() => onReview(relation === 'owner' ? { dwellingId, relation, ownerName: draft.ownerName.trim(), ...proof } : { dwellingId, relation }));
  };
  const roomError = tried && !dwellingId ? t('claim.err.dwelling') : null;
  const relationHint: Record<Relation, MessageKey> = {
    owner: 'bind.relation.ownerHint',
    family: 'bind.relation.familyHint',
    tenant: 'bind.relation.tenantHint',
  };

  return (
    <View className="claim-form">
      <DwellingPickers loaders={loaders} value={dwellingId} onChange={setDwellingId} error={roomError} />
      <Text className="form-label">{t('claim.relation')}</Text>
      {/* Three chips in one row keep the phone button on the first screen. */}
      <View className="chips" role="radiogroup" data-testid="relation">
        {RELATIONS.map((r) => (
          <View
            key={r}
            role="radio"
            aria-checked={relation === r}
            className={`chip ${relation === r ? 'chip--on' : ''}`}
            onClick={() => {
              setRelation(r);
              setProblem(null);
            }}
            data-testid={`relation-${r}`}
          >
            {t(`bind.relation.${r}`)}
          </View>
        ))}
      </View>
      <Text className="form-hint">{t(relationHint[relation])}</Text>

      {relation === 'owner' && (
        <View className="card claim-phone" data-testid="phone-path">
          <Text className="card__title">{t('bind.phone.title')}</Text>
          <Text className="card__meta claim-phone__intro">{t('bind.phone.intro')}</Text>
          {!dwellingId && <Text className="form-hint">{t('claim.err.dwelling')}</Text>}
          <PhoneVerifyButton
            dwellingId={dwellingId}
            busy={busy}
            onCode={(code) => dwellingId && void run(() => onPhone(dwellingId, code))}
            onDenied={() => setProblem({ text: t('bind.phone.denied'), code: 'DENIED' })}
            onError={fail}
            dev={devStandIn}
          />
        </View>
      )}
      {problem && (
        <Text className="form-error claim-problem" data-testid="claim-problem" data-code={problem.code ?? ''}>
          {problem.text}
        </Text>
      )}

      {relation === 'owner' && !reviewOpen && (
        <View className="row claim-review-link" onClick={() => setReviewOpen(true)} data-testid="open-review">
          <Text>{t('bind.review.open')}</Text>
          <Text className="muted">›</Text>
        </View>
      )}
      {(relation !== 'owner' || reviewOpen) && (
        <View className="claim-review">
          {relation === 'owner' ? (
            <>
              <Text className="section-title">{t('bind.review.title')}</Text>
              <Text className="form-hint">{t('bind.review.hint')}</Text>
              <OwnerReview draft={draft} onChange={setDraft} errors={reviewErrors} />
            </>
          ) : (
            <Text className="form-hint">{t('bind.review.memberHint')}</Text>
          )}
          <View className="spacer" />
          <Button
            className={`btn ${relation === 'owner' ? 'btn--ghost' : ''}`}
            disabled={busy || undefined}
            loading={busy}
            onClick={submitReview}
            data-testid="claim-submit"
          >
            {t('bind.review.submit')}
          </Button>
        </View>
      )}
    </View>
  );
}
