import { Button, Text, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { useState } from 'react';
import LoginButton from '../../../components/LoginButton';
import PageShell from '../../../components/PageShell';
import ProxyForm from '../../../components/ProxyForm';
import ReasonSheet from '../../../components/ReasonSheet';
import Section from '../../../components/Section';
import StateView from '../../../components/StateView';
import { activeBindings, useMe } from '../../../hooks/useMe';
import { useRemote } from '../../../hooks/useRemote';
import { useI18n } from '../../../i18n';
import { dwellingLabel } from '../../../services/labels';
import { fetchHousehold, fetchMyProxies, registerProxy, revokeProxy } from '../../../services/resident';
import type { ProxyItem } from '../../../services/types';
import { formatDateTime } from '../../../utils/format';
import ProxyRow from './ProxyRow';
import './index.scss';

/**
 * 委托代理: an owner registers a written entrustment (committee approves it) and can revoke it; a proxy sees the
 * dwellings they vote for; everyone sees their own user code, which is how an owner names the proxy.
 */
export default function Proxies() {
  const { t } = useI18n();
  const { me, loading, error, status, reload } = useMe();
  const mine = useRemote(fetchMyProxies, []);
  const [revoking, setRevoking] = useState<ProxyItem | null>(null);
  useDidShow(() => {
    reload();
    mine.reload();
  });
  const owned = activeBindings(me)
    .filter((b) => b.relation === 'owner')
    .map((b) => ({ id: b.dwelling.dwellingId, label: dwellingLabel(t, b.dwelling) }));
  const given = mine.data?.given ?? [];
  const received = mine.data?.received ?? [];
  const copy = () => me && Taro.setClipboardData({ data: me.id }).catch(() => undefined);

  return (
    <PageShell titleKey="proxies.title">
      <Text className="section-title">{t('proxies.title')}</Text>
      <StateView
        loading={(loading && !me) || (mine.loading && !mine.data)}
        error={error ?? mine.error}
        onRetry={() => {
          reload();
          mine.reload();
        }}
        action={(status ?? mine.status) === 401 ? <LoginButton /> : undefined}
      >
        <View>
          <Section title={t('proxies.myCode')}>
            <Text className="form-hint">{t('proxies.myCodeHint')}</Text>
            <Text className="big-code mono proxies-code" data-testid="my-user-code" selectable>
              {me?.id}
            </Text>
            <Button className="btn btn--ghost" onClick={() => void copy()}>
              {t('proxies.copy')}
            </Button>
          </Section>

          <Section title={t('proxies.given')} testId="proxies-given">
            {given.length === 0 && <Text className="muted">{t('proxies.none')}</Text>}
            {given.map((p) => (
              <ProxyRow key={p.id} item={p} who={t('proxies.to', { name: p.proxyName || t('proxies.unnamed') })} showDocument onRevoke={() => setRevoking(p)} />
            ))}
          </Section>

          <Section title={t('proxies.register')} testId="proxies-register">
            {owned.length === 0 ? (
              <Text className="muted">{t('proxies.ownersOnly')}</Text>
            ) : (
              <ProxyForm
                dwellings={owned}
                myId={me?.id ?? null}
                loadHousehold={fetchHousehold}
                onSubmit={async (body, document) => {
                  await registerProxy(body, document);
                  Taro.showToast({ title: t('proxies.registered'), icon: 'success' });
                  mine.reload();
                }}
              />
            )}
          </Section>

          <Section title={t('proxies.mine')} testId="proxies-received">
            {received.length === 0 && <Text className="muted">{t('proxies.noneReceived')}</Text>}
            {received.map((p) => (
              <ProxyRow key={p.id} item={p} who={t('proxies.since', { date: formatDateTime(p.createdAt) })} />
            ))}
          </Section>

          <Section title={t('proxies.howTitle')}>
            <Text className="form-hint">{t('proxies.how1')}</Text>
            <Text className="form-hint">{t('proxies.how2')}</Text>
            <Text className="form-hint">{t('proxies.how3')}</Text>
          </Section>
        </View>
      </StateView>
      <ReasonSheet
        open={revoking !== null}
        title={t('proxies.revokeTitle')}
        confirmText={t('proxies.revoke')}
        reasons={['proxies.revokeReason.self', 'proxies.revokeReason.other', 'proxies.revokeReason.mistake']}
        onClose={() => setRevoking(null)}
        onConfirm={async (reason) => {
          await revokeProxy(revoking!.id, reason);
          Taro.showToast({ title: t('proxies.revoked'), icon: 'success' });
          mine.reload();
          reload();
        }}
      >
        {revoking && (
          <View>
            <Text className="card__title">{dwellingLabel(t, revoking.dwelling)}</Text>
            <Text className="card__meta">{t('proxies.to', { name: revoking.proxyName })}</Text>
            <Text className="form-hint">{t('proxies.revokeHint')}</Text>
          </View>
        )}
      </ReasonSheet>
    </PageShell>
  );
}
