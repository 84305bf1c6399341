import { Text } from '@tarojs/components';
import { useI18n } from '../../i18n';
import { pickText } from '../../services/bilingual';
import './index.scss';

interface Props {
  zh: string | null | undefined;
  bo?: string | null;
  className?: string;
  testId?: string;
}

/**
 * Staff-typed text in the reader's language. A missing Tibetan shows the Chinese with a visible "Chinese only" mark,
 * and `data-zh-fallback` tells the Han-character check that this Chinese is known and marked.
 */
export default function BiText({ zh, bo, className, testId }: Props) {
  const { t, lang } = useI18n();
  const p = pickText(zh, bo, lang);
  if (!p.text) return null;
  return (
    <Text className={className} data-testid={testId}>
      {p.fallback && <Text className="bi-mark">{t('bi.zhOnly')}</Text>}
      {p.fallback ? <Text data-zh-fallback="1">{p.text}</Text> : p.text}
    </Text>
  );
}
