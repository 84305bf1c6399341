import { Text, View } from '@tarojs/components';
import { finishSetup, setLang, setLargeText, useI18n, type Lang } from '../../i18n';
import './index.scss';

// Each language names itself, so a reader finds their own script whatever the device's language.
const FLAGS: { lang: Lang; label: string }[] = [
  { lang: 'bo', label: 'བོད་ཡིག' },
  { lang: 'zh', label: '中文' },
];

/** The first screen on a new device: language as big flags of text, then text size with a live sample. */
export default function FirstRun() {
  const { t, lang, largeText } = useI18n();
  return (
    <View className="first-run" data-testid="first-run">
      {/* The two languages name themselves: proper names for the Tibetan language check. */}
      <Text className="first-run__title" data-proper-name="1">
        བོད་ཡིག / 中文
      </Text>
      <View className="first-run__flags">
        {FLAGS.map((f) => (
          <View
            key={f.lang}
            className={`first-run__flag ${lang === f.lang ? 'first-run__flag--on' : ''}`}
            data-testid={`first-run-${f.lang}`}
            data-proper-name="1"
            onClick={() => setLang(f.lang)}
          >
            {f.label}
          </View>
        ))}
      </View>
      <Text className="first-run__title">{t('setup.sizeTitle')}</Text>
      <View className="first-run__sizes">
        <View className={`first-run__size ${!largeText ? 'first-run__size--on' : ''}`} data-testid="first-run-normal" onClick={() => setLargeText(false)}>
          {t('setup.sizeNormal')}
        </View>
        <View
          className={`first-run__size first-run__size--large ${largeText ? 'first-run__size--on' : ''}`}
          data-testid="first-run-large"
          onClick={() => setLargeText(true)}
        >
          {t('setup.sizeLarge')}
        </View>
      </View>
      <Text className="first-run__sample">{t('setup.sizeSample')}</Text>
      <View className="btn first-run__done" data-testid="first-run-done" onClick={finishSetup}>
        {t('setup.done')}
      </View>
    </View>
  );
}
