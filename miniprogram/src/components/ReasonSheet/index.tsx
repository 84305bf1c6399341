import { Input, Text, View } from '@tarojs/components';
import { useEffect, useState, type ReactNode } from 'react';
import { t as translate, useI18n } from '../../i18n';
import type { MessageKey } from '../../i18n/zh';
import { errorMessage } from '../../services/api';
import { checkReason } from '../../services/validation';
import ConfirmSheet from '../ConfirmSheet';

interface Props {
  open: boolean;
  title: string;
  /** What is about to change, repeated for the person. */
  children?: ReactNode;
  /** Common reasons as chips (tap instead of typing); the last chip is "other", which opens a text box. */
  reasons: MessageKey[];
  confirmText: string;
  maxLength?: number;
  /** Resolves when the server accepted it; a rejection's Chinese message is shown in the sheet. */
  onConfirm: (reason: string) => Promise<void>;
  onClose: () => void;
}

/**
 * A confirmation sheet that also asks why (cancelling a pledge, revoking an entrustment). A chosen chip is sent in
 * Chinese whatever the app language, because the committee reads the reasons in Chinese.
 */
export default function ReasonSheet({ open, title, children, reasons, confirmText, maxLength = 200, onConfirm, onClose }: Props) {
  const { t } = useI18n();
  const [chosen, setChosen] = useState<MessageKey | 'other' | null>(null);
  const [other, setOther] = useState('');
  const [tried, setTried] = useState(false);
  const [busy, setBusy] = useState(false);
  const [serverError, setServerError] = useState<string | null>(null);
  useEffect(() => {
    if (!open) return;
    setChosen(null);
    setOther('');
    setTried(false);
    setServerError(null);
  }, [open]);

  const reason = chosen === 'other' ? other.trim() : chosen ? translate(chosen, undefined, 'zh') : '';
  const problem = tried ? (chosen ? checkReason(reason, maxLength) : 'reason.err.choose') : null;
  const confirm = async () => {
    setTried(true);
    setServerError(null);
    if (!chosen || checkReason(reason, maxLength)) return;
    setBusy(true);
    try {
      await onConfirm(reason);
      onClose();
    } catch (e) {
      setServerError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <ConfirmSheet open={open} title={title} confirmText={confirmText} busy={busy} error={serverError} onConfirm={() => void confirm()} onCancel={onClose}>
      {children}
      <Text className="form-label">{t('reason.label')}</Text>
      <View className="chips" role="radiogroup">
        {[...reasons, 'other' as const].map((k) => (
          <View
            key={k}
            role="radio"
            aria-checked={chosen === k}
            className={`chip ${chosen === k ? 'chip--on' : ''}`}
            onClick={() => setChosen(k)}
            data-testid="reason-chip"
          >
            {k === 'other' ? t('reason.other') : t(k)}
          </View>
        ))}
      </View>
      {chosen === 'other' && (
        <Input
          className={`text-input ${problem ? 'text-input--error' : ''}`}
          value={other}
          maxlength={maxLength}
          placeholder={t('reason.placeholder')}
          onInput={(e) => setOther(e.detail.value)}
          data-testid="reason-other"
        />
      )}
      {problem && (
        <Text className="form-error" data-testid="reason-error">
          {t(problem)}
        </Text>
      )}
    </ConfirmSheet>
  );
}
