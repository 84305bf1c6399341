import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useI18n } from '../../i18n';

/** Sends the resident to 我的, where login starts (privacy consent first). */
export default function LoginButton() {
  const { t } = useI18n();
  return (
    <View className="btn" style={{ marginTop: '12px' }} onClick={() => Taro.switchTab({ url: '/pages/me/index' })}>
      {t('home.loginNow')}
    </View>
  );
}
