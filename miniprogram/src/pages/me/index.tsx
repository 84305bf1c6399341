import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import PageShell from '../../components/PageShell';
import { LANGS, setLang, setLargeText, useI18n } from '../../i18n';
import { logout, saveLangPreference } from '../../services/auth';
import { hasAcceptedPrivacy, useSession } from '../../services/session';
import './index.scss';

const VERSION = '0.1.0';

export default function Me() {
  const { t, lang, largeText } = useI18n();
  const { loggedIn, user } = useSession();
  const name = user?.displayName;

  const startLogin = () =>
    Taro.navigateTo({ url: hasAcceptedPrivacy() ? '/pages/login/index' : '/pages/privacy/index?next=login' });

  return (
    <PageShell titleKey='me.title' tab>
      <View className='card me-profile'>
        <View className='me-profile__avatar'>
          <Text>{loggedIn && name ? name.slice(0, 1) : '?'}</Text>
        </View>
        <View className='me-profile__info'>
          <Text className='card__title'>{loggedIn ? name ?? t('me.loggedIn') : t('me.notLoggedIn')}</Text>
          {!loggedIn && <Text className='card__meta'>{t('home.loginHint')}</Text>}
        </View>
      </View>
      {loggedIn ? (
        <View className='btn btn--ghost' onClick={() => void logout()}>
          {t('me.logout')}
        </View>
      ) : (
        <View className='btn' onClick={startLogin}>
          {t('me.login')}
        </View>
      )}

      <Text className='section-title'>{t('me.settings')}</Text>
      <View className='card'>
        <View className='row me-row--stack'>
          <Text>{t('me.language')}</Text>
          <View className='me-segment' role='radiogroup'>
            {LANGS.map((l) => (
              <View
                key={l.value}
                role='radio'
                aria-checked={lang === l.value}
                className={`me-segment__item ${lang === l.value ? 'me-segment__item--on' : ''} lang-${l.value}`}
                onClick={() => {
                  setLang(l.value);
                  if (loggedIn) saveLangPreference(l.value);
                }}
              >
                {l.label}
              </View>
            ))}
          </View>
        </View>
        <View className='row' onClick={() => setLargeText(!largeText)}>
          <View className='me-row__text'>
            <Text className='me-row__label'>{t('me.largeText')}</Text>
            <Text className='card__meta'>{t('me.largeTextHint')}</Text>
          </View>
          {/* A drawn switch: bigger than the native one, and the whole row is the tap target. */}
          <View className={`me-toggle ${largeText ? 'me-toggle--on' : ''}`} role='switch' aria-checked={largeText}>
            <View className='me-toggle__knob' />
          </View>
        </View>
        <View className='row' onClick={() => Taro.navigateTo({ url: '/pages/privacy/index' })}>
          <Text>{t('me.privacy')}</Text>
          <Text className='muted'>›</Text>
        </View>
      </View>
      <Text className='muted me-version'>{t('me.version', { version: VERSION })}</Text>
    </PageShell>
  );
}
