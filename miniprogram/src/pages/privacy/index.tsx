import { Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import PageShell from '../../components/PageShell';
import { useI18n } from '../../i18n';
import { acceptPrivacy } from '../../services/session';
import './index.scss';

/** Shown before the first login (and from 我的). Nothing personal is collected until the resident agrees. */
export default function Privacy() {
  const { t } = useI18n();
  const { params } = useRouter();
  const beforeLogin = params.next === 'login';

  const agree = () => {
    acceptPrivacy();
    if (beforeLogin) Taro.redirectTo({ url: '/pages/login/index' });
    else Taro.navigateBack();
  };

  return (
    <PageShell titleKey="privacy.title">
      <View className="card privacy">
        <Text className="privacy__title">{t('privacy.title')}</Text>
        <Text className="privacy__p">{t('privacy.p1')}</Text>
        <Text className="privacy__p">{t('privacy.p2')}</Text>
        <Text className="privacy__p">{t('privacy.p3')}</Text>
      </View>
      <View className="btn" onClick={agree}>
        {t('privacy.agree')}
      </View>
      <View className="btn btn--plain privacy__decline" onClick={() => Taro.navigateBack()}>
        {t('privacy.disagree')}
      </View>
    </PageShell>
  );
}
