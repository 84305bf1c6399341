import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import PageShell from '../../components/PageShell';
import StateView from '../../components/StateView';
import { useRemote } from '../../hooks/useRemote';
import { useI18n } from '../../i18n';
import { errorMessage } from '../../services/api';
import { devLogin, fetchDevUsers, loginWithWechat } from '../../services/auth';
import { fetchMe } from '../../services/resident';
import { hasAcceptedPrivacy } from '../../services/session';
import './index.scss';

const IS_WEAPP = process.env.TARO_ENV === 'weapp';

export default function Login() {
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const run = async (action: () => Promise<void>) => {
    if (busy) return;
    if (!hasAcceptedPrivacy()) {
      Taro.redirectTo({ url: '/pages/privacy/index?next=login' });
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await action();
      Taro.showToast({ title: t('login.success'), icon: 'success' });
      // Staff land on their workbench; a resident without a dwelling goes on to claim one; everyone else to 首页.
      const me = await fetchMe().catch(() => undefined);
      const hasDwelling = me?.bindings.some((b) => b.status === 'active' || b.status === 'pending');
      const next = me && me.grants.length > 0 ? 'staff' : me && !hasDwelling ? 'claim' : 'home';
      setTimeout(() => {
        if (next === 'staff') Taro.redirectTo({ url: '/pages-staff/index/index' });
        else if (next === 'claim') Taro.redirectTo({ url: '/pages/resident/claim/index' });
        else Taro.switchTab({ url: '/pages/index/index' });
      }, 600);
    } catch (e) {
      setError(errorMessage(e)); // the server's Chinese message, e.g. 微信登录失败
    } finally {
      setBusy(false);
    }
  };

  return (
    <PageShell titleKey="login.title">
      <View className="login-brand">
        <Text className="login-brand__name">{t('app.name')}</Text>
        <Text className="login-brand__slogan">{t('app.slogan')}</Text>
      </View>
      {error && <Text className="login-error">{error}</Text>}
      {IS_WEAPP ? (
        <View className={`btn login-wechat ${busy ? 'login-wechat--busy' : ''}`} onClick={() => run(loginWithWechat)}>
          {busy ? t('state.loading') : t('login.wechat')}
        </View>
      ) : (
        <DevLogin busy={busy} onPick={(id) => run(() => devLogin(id))} />
      )}
    </PageShell>
  );
}

/** H5 has no wx.login: in development the server offers seeded users to pick from. */
function DevLogin({ busy, onPick }: { busy: boolean; onPick: (userId: string) => void }) {
  const { t } = useI18n();
  const users = useRemote(fetchDevUsers);
  return (
    <View>
      <Text className="section-title">{t('login.devTitle')}</Text>
      <StateView loading={users.loading} error={users.error} empty={users.data?.length === 0} emptyText={t('login.devEmpty')} onRetry={users.reload}>
        {users.data?.map((u) => (
          <View key={u.id} className={`card login-user ${busy ? 'login-user--busy' : ''}`} onClick={() => onPick(u.id)} data-testid="dev-user">
            <Text className="card__title">{u.displayName}</Text>
            <Text className="card__meta">{u.role}</Text>
          </View>
        ))}
      </StateView>
    </View>
  );
}
