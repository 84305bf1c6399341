import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { setLang, setLargeText, useI18n } from '../../i18n';
import './index.scss';

const IS_H5 = process.env.TARO_ENV === 'h5';

/** Back (H5 sub-pages; WeChat draws its own), language and text size, on every page: nothing lives under a 4th tab. */
export default function AppHeader({ tab }: { tab?: boolean }) {
  const { t, lang, largeText } = useI18n();
  const back = () => {
    if (Taro.getCurrentPages().length > 1) void Taro.navigateBack();
    else void Taro.reLaunch({ url: '/pages/index/index' });
  };
  return (
    <View className="app-header" data-testid="app-header">
      {IS_H5 && !tab ? (
        <View className="app-header__btn app-header__back" onClick={back} data-testid="header-back">
          {t('header.back')}
        </View>
      ) : (
        <View className="app-header__spacer" />
      )}
      <View className="app-header__right">
        {/* The other language names itself (中文 / བོད་ཡིག): a proper name for the language check. */}
        <View className="app-header__btn" data-testid="header-lang" data-proper-name="1" onClick={() => setLang(lang === 'bo' ? 'zh' : 'bo')}>
          {t('header.lang')}
        </View>
        <View className={`app-header__btn ${largeText ? 'app-header__btn--on' : ''}`} data-testid="header-size" onClick={() => setLargeText(!largeText)}>
          {largeText ? t('header.normal') : t('header.large')}
        </View>
      </View>
    </View>
  );
}
