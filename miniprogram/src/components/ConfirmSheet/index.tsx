import { Button, Text, View } from '@tarojs/components';
import type { ReactNode } from 'react';
import { useI18n } from '../../i18n';
import './index.scss';

interface Props {
  open: boolean;
  title: string;
  children?: ReactNode;
  confirmText?: string;
  busy?: boolean;
  error?: string | null;
  onConfirm: () => void;
  onCancel: () => void;
}

/** A bottom sheet that repeats what is about to be sent and asks once more; nothing is sent before "confirm". */
export default function ConfirmSheet({ open, title, children, confirmText, busy, error, onConfirm, onCancel }: Props) {
  const { t, lang, largeText } = useI18n();
  if (!open) return null;
  return (
    <View className={`confirm-sheet lang-${lang} ${largeText ? 'large-text' : ''}`} role="dialog" aria-modal="true">
      <View className="confirm-sheet__mask" onClick={busy ? undefined : onCancel} />
      <View className="confirm-sheet__panel">
        <Text className="confirm-sheet__title">{title}</Text>
        <View className="confirm-sheet__body">{children}</View>
        {error && <Text className="form-error">{error}</Text>}
        <View className="btn-row">
          <Button className="btn btn--plain" disabled={busy || undefined} onClick={onCancel}>
            {t('common.back')}
          </Button>
          <Button className="btn" disabled={busy || undefined} loading={busy} onClick={onConfirm} data-testid="confirm-sheet-ok">
            {confirmText ?? t('common.confirm')}
          </Button>
        </View>
      </View>
    </View>
  );
}
