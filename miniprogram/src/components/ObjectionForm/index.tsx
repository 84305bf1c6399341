import { Button, Text, Textarea, View } from '@tarojs/components';
import { useRef, useState } from 'react';
import { useI18n } from '../../i18n';
import { errorMessage, newIdempotencyKey } from '../../services/api';
import { checkObjection, OBJECTION_MAX } from '../../services/validation';

interface Props {
  /** Resolves when the server accepted it; `key` stays the same while the same text is retried. */
  onSubmit: (text: string, key: string) => Promise<void>;
}

/** 提出异议 during a publicity period: one text box with a counter; the server also checks the content. */
export default function ObjectionForm({ onSubmit }: Props) {
  const { t } = useI18n();
  const [text, setText] = useState('');
  const [tried, setTried] = useState(false);
  const [busy, setBusy] = useState(false);
  const [serverError, setServerError] = useState<string | null>(null);
  const key = useRef<{ text: string; key: string } | null>(null);
  const problem = tried ? checkObjection(text) : null;

  const submit = async () => {
    setTried(true);
    setServerError(null);
    if (checkObjection(text)) return;
    if (key.current?.text !== text) key.current = { text, key: newIdempotencyKey() };
    setBusy(true);
    try {
      await onSubmit(text.trim(), key.current.key);
      setText('');
      setTried(false);
      key.current = null;
    } catch (e) {
      setServerError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className='objection-form'>
      <Text className='form-hint'>{t('objection.hint')}</Text>
      <Textarea
        className={`text-area ${problem ? 'text-area--error' : ''}`}
        value={text}
        maxlength={OBJECTION_MAX}
        placeholder={t('objection.placeholder')}
        onInput={(e) => setText(e.detail.value)}
        data-testid='objection-text'
      />
      <Text className='form-hint'>{t('form.count', { n: text.trim().length, max: OBJECTION_MAX })}</Text>
      {problem && <Text className='form-error' data-testid='objection-error'>{t(problem)}</Text>}
      {serverError && <Text className='form-error'>{serverError}</Text>}
      <Button className='btn' disabled={busy || undefined} loading={busy} onClick={() => void submit()} data-testid='objection-submit'>
        {t('objection.submit')}
      </Button>
    </View>
  );
}
