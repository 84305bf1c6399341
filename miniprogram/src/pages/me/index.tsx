import { Text, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { useState } from 'react';
import PageShell from '../../components/PageShell';
import MyAlerts from '../../components/MyAlerts';
import StaffEntry from '../../components/StaffEntry';
import { useMe } from '../../hooks/useMe';
import { LANGS, setLang, setLargeText, useI18n } from '../../i18n';
import { errorMessage } from '../../services/api';
import { logout, saveLangPreference } from '../../services/auth';
import { dwellingLabel } from '../../services/labels';
import { savedReceipts } from '../../services/receipts';
import { hasAcceptedPrivacy, useSession } from '../../services/session';
import { subscribeNotices, unsubscribeNotices } from '../../services/subscribe';
import './index.scss';

const VERSION = '0.2.0';
const TONE = { active: 'badge--ok', pending: 'badge--warn', rejected: 'badge--bad', revoked: '', suspended: 'badge--bad' } as const;

/** 我的: profile, dwellings, proxies, receipts, language, large text, subscribe messages. */
export default function Me() {
  const { t, lang, largeText } = useI18n();
  const { loggedIn, user } = useSession();
  const { me, reload } = useMe();
  const [receipts, setReceipts] = useState(0);
  const [subBusy, setSubBusy] = useState(false);
  useDidShow(() => {
    setReceipts(savedReceipts().length);
    if (loggedIn) reload();
  });
  const name = me?.displayName ?? user?.displayName;
  const nav = (url: string) => Taro.navigateTo({ url });
  const startLogin = () => nav(hasAcceptedPrivacy() ? '/pages/login/index' : '/pages/privacy/index?next=login');
  const subscribed = me?.subscribe.notices ?? false;

  const toggleSubscribe = async () => {
    if (subBusy) return;
    setSubBusy(true);
    try {
      if (subscribed) {
        await unsubscribeNotices();
        Taro.showToast({ title: t('me.subscribeOff'), icon: 'none' });
      } else {
        const outcome = await subscribeNotices();
        Taro.showToast({ title: t(`me.subscribe.${outcome}`), icon: 'none' });
      }
      reload();
    } catch (e) {
      Taro.showToast({ title: errorMessage(e), icon: 'none' });
    } finally {
      setSubBusy(false);
    }
  };

  return (
    <PageShell titleKey="me.title" tab>
      <View className="card me-profile">
        <View className="me-profile__avatar">
          <Text data-proper-name="1">{loggedIn && name ? name.slice(0, 1) : '?'}</Text>
        </View>
        <View className="me-profile__info">
          {/* The user's own name as registered: a proper name. */}
          <Text className="card__title" data-testid="me-name" data-proper-name={loggedIn && name ? '1' : undefined}>
            {loggedIn ? (name ?? t('me.loggedIn')) : t('me.notLoggedIn')}
          </Text>
          {!loggedIn && <Text className="card__meta">{t('home.loginHint')}</Text>}
          {me?.grants.map((g) => (
            <Text key={g.role + g.scope} className="badge">
              {t(`role.${g.role}`)}
            </Text>
          ))}
        </View>
      </View>
      {!loggedIn && (
        <View className="btn" onClick={startLogin} data-testid="me-login">
          {t('me.login')}
        </View>
      )}

      {loggedIn && <MyAlerts open={me?.alerts?.open ?? 0} />}

      <StaffEntry />

      {loggedIn && (
        <View>
          <Text className="section-title">{t('me.dwellings')}</Text>
          <View className="card">
            {(me?.bindings ?? []).map((b) => (
              <View key={b.id} className="row" onClick={() => nav('/pages/resident/dwellings/index')}>
                <View className="me-row__text">
                  <Text className="me-row__label" data-proper-name="1">
                    {dwellingLabel(t, b.dwelling)}
                  </Text>
                  <Text className="card__meta">{t(`relation.${b.relation}`)}</Text>
                </View>
                <Text className={`badge ${TONE[b.status]}`}>{t(`binding.status.${b.status}`)}</Text>
              </View>
            ))}
            <View className="row" onClick={() => nav('/pages/resident/claim/index')} data-testid="me-claim">
              <Text>{t('dwellings.claim')}</Text>
              <Text className="muted">›</Text>
            </View>
            <View className="row" onClick={() => nav('/pages/resident/dwellings/index')}>
              <Text>{t('dwellings.status')}</Text>
              <Text className="muted">›</Text>
            </View>
            <View className="row" onClick={() => nav('/pages/resident/proxies/index')}>
              <Text>{t('proxies.title')}</Text>
              <Text className="muted">{me?.proxies.length ? `${me.proxies.length} ›` : '›'}</Text>
            </View>
            <View className="row" onClick={() => nav('/pages/resident/receipts/index')} data-testid="me-receipts">
              <Text>{t('receipts.title')}</Text>
              <Text className="muted">{receipts ? `${receipts} ›` : '›'}</Text>
            </View>
          </View>
        </View>
      )}

      <Text className="section-title">{t('me.settings')}</Text>
      <View className="card">
        <View className="row me-row--stack">
          <Text>{t('me.language')}</Text>
          <View className="me-segment" role="radiogroup">
            {LANGS.map((l) => (
              <View
                key={l.value}
                role="radio"
                aria-checked={lang === l.value}
                className={`me-segment__item ${lang === l.value ? 'me-segment__item--on' : ''} lang-${l.value}`}
                onClick={() => {
                  setLang(l.value);
                  if (loggedIn) saveLangPreference(l.value);
                }}
                data-testid={`lang-${l.value}`}
                data-proper-name="1" // each language names itself (中文 / བོད་ཡིག)
              >
                {l.label}
              </View>
            ))}
          </View>
        </View>
        <View className="row" onClick={() => setLargeText(!largeText)} data-testid="large-text">
          <View className="me-row__text">
            <Text className="me-row__label">{t('me.largeText')}</Text>
            <Text className="card__meta">{t('me.largeTextHint')}</Text>
          </View>
          {/* A drawn switch: bigger than the native one, and the whole row is the tap target. */}
          <View className={`me-toggle ${largeText ? 'me-toggle--on' : ''}`} role="switch" aria-checked={largeText}>
            <View className="me-toggle__knob" />
          </View>
        </View>
        {loggedIn && (
          <View className="row" onClick={() => void toggleSubscribe()} data-testid="subscribe">
            <View className="me-row__text">
              <Text className="me-row__label">{t('me.subscribe')}</Text>
              <Text className="card__meta">{t(subscribed ? 'me.subscribeOnHint' : 'me.subscribeHint')}</Text>
            </View>
            <View className={`me-toggle ${subscribed ? 'me-toggle--on' : ''}`} role="switch" aria-checked={subscribed}>
              <View className="me-toggle__knob" />
            </View>
          </View>
        )}
        <View className="row" onClick={() => nav('/pages/privacy/index')}>
          <Text>{t('me.privacy')}</Text>
          <Text className="muted">›</Text>
        </View>
      </View>
      {loggedIn && (
        <View className="btn btn--ghost" onClick={() => void logout()} data-testid="logout">
          {t('me.logout')}
        </View>
      )}
      <Text className="muted me-version">{t('me.version', { version: VERSION })}</Text>
    </PageShell>
  );
}
