import { Text, View } from '@tarojs/components';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useI18n } from '../../i18n';
import { errorMessage } from '../../services/api';
import type { HouseholdMemberView } from '../../services/types';
import { useLatest } from '../../hooks/useLatest';

/** The "someone else" row: the proxy is not bound to the dwelling, so the owner pastes their user code. */
export const OTHER = 'other';

/**
 * The household of the chosen dwelling. Not useRemote: a form reloads only when the dwelling changes or after a
 * registration, and answers for a previous dwelling are dropped so its members never show under the new one.
 */
export function useHousehold(load: (dwellingId: string) => Promise<HouseholdMemberView[]>, dwellingId: string | null) {
  const [state, setState] = useState<{ members?: HouseholdMemberView[]; loading: boolean; error: string | null }>({ loading: false, error: null });
  const seq = useRef(0);
  const loader = useLatest(load);
  const reload = useCallback(() => {
    const mine = ++seq.current;
    if (!dwellingId) return setState({ loading: false, error: null });
    setState({ loading: true, error: null });
    loader.current(dwellingId).then(
      (members) => mine === seq.current && setState({ members, loading: false, error: null }),
      (e: unknown) => mine === seq.current && setState({ loading: false, error: errorMessage(e) }),
    );
    return undefined;
  }, [dwellingId, loader]);
  useEffect(reload, [reload]);
  return { ...state, reload };
}

interface Props {
  members: HouseholdMemberView[] | undefined;
  loading: boolean;
  error: string | null;
  onRetry: () => void;
  /** A member's user id, OTHER, or null while nobody is chosen. */
  value: string | null;
  onChange: (value: string) => void;
}

/**
 * 受托人: the family members and tenants bound to the dwelling (names masked by the server), one tap each. Someone
 * already entrusted for this dwelling is shown but cannot be picked again; anyone else goes through OTHER.
 */
export default function HouseholdPicker({ members, loading, error, onRetry, value, onChange }: Props) {
  const { t } = useI18n();
  const row = (key: string, label: string, meta: string | null, taken = false) => (
    <View
      key={key}
      className={`choice ${value === key ? 'choice--on' : ''} ${taken ? 'choice--off' : ''}`}
      role="radio"
      aria-checked={value === key}
      aria-disabled={taken || undefined}
      onClick={taken ? undefined : () => onChange(key)}
      data-testid={key === OTHER ? 'proxy-pick-other' : 'proxy-pick-member'}
      data-user={key === OTHER ? undefined : key}
    >
      <View className="choice__mark" />
      <View className="choice__body">
        <Text className="choice__label">{label}</Text>
        {meta && <Text className="choice__meta">{meta}</Text>}
      </View>
    </View>
  );
  return (
    <View className="household-picker" role="radiogroup" data-testid="proxy-household">
      {loading && !members && <Text className="muted">{t('proxyForm.householdLoading')}</Text>}
      {error && (
        <View className="household-picker__error">
          <Text className="form-error">{error}</Text>
          <View className="btn btn--ghost household-picker__retry" onClick={onRetry}>
            {t('state.retry')}
          </View>
        </View>
      )}
      {members && members.length === 0 && <Text className="form-hint">{t('proxyForm.householdEmpty')}</Text>}
      {members?.map((m) => {
        const taken = m.proxyStatus !== null;
        const meta = [t(`relation.${m.relation}`), taken ? t(`proxyForm.already.${m.proxyStatus!}`) : null].filter(Boolean).join(' · ');
        return row(m.userId, m.displayName || t('proxies.unnamed'), meta, taken);
      })}
      {row(OTHER, t('proxyForm.other'), t('proxyForm.otherHint'))}
    </View>
  );
}
