import { Button, Text, View } from '@tarojs/components';
import type { ReactNode } from 'react';
import { useI18n } from '../../i18n';
import './index.scss';

export type LoadState<T> = { kind: 'loading' } | { kind: 'error'; message: string; code?: string } | { kind: 'ready'; data: T };

interface Props {
  loading?: boolean;
  /** Shown as is: the server's Chinese message from ApiError. */
  error?: string | null;
  empty?: boolean;
  emptyText?: string;
  onRetry?: () => void;
  /** Extra action under an error, e.g. a login button for 401. */
  action?: ReactNode;
  children?: ReactNode;
}

/** One place for the loading / empty / error look, so every list behaves the same for residents. */
export default function StateView({ loading, error, empty, emptyText, onRetry, action, children }: Props) {
  const { t } = useI18n();
  if (loading) {
    return (
      <View className="state-view" aria-busy="true">
        <View className="state-view__spinner" />
        <Text className="state-view__text">{t('state.loading')}</Text>
      </View>
    );
  }
  if (error) {
    return (
      <View className="state-view state-view--error" aria-live="polite">
        <Text className="state-view__icon">!</Text>
        <Text className="state-view__title">{t('state.error')}</Text>
        <Text className="state-view__text">{error}</Text>
        {onRetry && (
          <Button className="btn btn--ghost state-view__btn" onClick={onRetry}>
            {t('state.retry')}
          </Button>
        )}
        {action}
      </View>
    );
  }
  if (empty) {
    return (
      <View className="state-view state-view--empty">
        <Text className="state-view__icon">○</Text>
        <Text className="state-view__text">{emptyText ?? t('state.empty')}</Text>
      </View>
    );
  }
  return <>{children}</>;
}
