import { Image, Text, View } from '@tarojs/components';
import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro';
import { useEffect, useState } from 'react';
import PageShell from '../../components/PageShell';
import StateView from '../../components/StateView';
import { useRemote } from '../../hooks/useRemote';
import { t as translate, useI18n, type MessageKey } from '../../i18n';
import { ApiError, errorMessage } from '../../services/api';
import { formatDateTime } from '../../utils/format';
import Chips from '../components/Chips';
import { fileBlobUrl } from '../lib/files';
import { staffApi } from '../lib/staffApi';
import { param } from '../lib/useStaff';
import '../staff.scss';
import ClaimFacts from './ClaimFacts';

const DUTY_CODES = ['DECISION_SELF', 'DECISION_REGISTRANT', 'DECISION_BOUND'];
const REJECT_REASONS: MessageKey[] = ['staff.rv.reason.mismatch', 'staff.rv.reason.document', 'staff.rv.reason.notOwner'];

function ProxyDocument({ fileId }: { fileId: string }) {
  const { t } = useI18n();
  const [src, setSrc] = useState('');
  useEffect(() => {
    fileBlobUrl(fileId).then(setSrc, () => setSrc(''));
  }, [fileId]);
  if (!src) return <Text className="muted">{t('staff.rv.document')}</Text>;
  return <Image className="st-thumbs__img" src={src} mode="aspectFill" onClick={() => Taro.previewImage({ urls: [src] })} />;
}

/** Pending dwelling claims and written proxies of one complex: approve, or reject with a picked reason. */
export default function Reviews() {
  const { t } = useI18n();
  const complex = param(useRouter().params, 'complex');
  const claims = useRemote(() => staffApi.claims(complex), [complex]);
  const proxies = useRemote(() => staffApi.proxies(complex), [complex]);
  const [reason, setReason] = useState<MessageKey>(REJECT_REASONS[0]);
  usePullDownRefresh(() => {
    claims.reload();
    proxies.reload();
    Taro.stopPullDownRefresh();
  });

  const decide = async (kind: 'claim' | 'proxy', id: string, approve: boolean) => {
    if (!approve) {
      const ok = await Taro.showModal({ title: t('staff.rv.rejectTitle'), content: t(reason) });
      if (!ok.confirm) return;
    }
    try {
      // Residents read the reason; it is stored in Chinese, the language of the record.
      const why = approve ? undefined : translate(reason, undefined, 'zh');
      if (kind === 'claim') await staffApi.decideClaim(id, approve, why);
      else await staffApi.decideProxy(id, approve, why);
      Taro.showToast({ title: approve ? t('staff.rv.approved') : t('staff.rv.rejected'), icon: 'none' });
      (kind === 'claim' ? claims : proxies).reload();
    } catch (e) {
      // Separation of duties: say which rule stopped this person, in their language.
      const code = e instanceof ApiError ? e.code : '';
      const duty = DUTY_CODES.includes(code) ? t(`staff.rv.err.${code}` as MessageKey) : null;
      Taro.showModal({ title: t('state.error'), content: duty ?? errorMessage(e), showCancel: false });
    }
  };

  const actions = (kind: 'claim' | 'proxy', id: string) => (
    <View className="staff-row-actions">
      <View className="btn st-btn--small" onClick={() => decide(kind, id, true)}>
        {t('staff.rv.approve')}
      </View>
      <View className="btn btn--ghost st-btn--small" onClick={() => decide(kind, id, false)}>
        {t('staff.rv.reject')}
      </View>
    </View>
  );

  return (
    <PageShell titleKey="staff.rv.title">
      <Text className="st-field__label">{t('staff.rv.rejectReason')}</Text>
      <Chips options={REJECT_REASONS.map((k) => ({ value: k, label: t(k) }))} value={reason} onChange={setReason} />

      <Text className="section-title">{t('staff.rv.claims')}</Text>
      <StateView loading={claims.loading} error={claims.error} onRetry={claims.reload} empty={claims.data?.length === 0} emptyText={t('staff.rv.noClaims')}>
        {claims.data?.map((c) => (
          <View key={c.id} className="card">
            <Text className="card__title">
              {c.dwelling.buildingName} {c.dwelling.entranceName} {c.dwelling.room}
            </Text>
            <Text className="card__meta">
              {c.displayName} · {t(`staff.relation.${c.relation}`)} · {formatDateTime(c.createdAt)}
            </Text>
            <ClaimFacts claim={c} />
            {c.note && <Text className="card__meta">{c.note}</Text>}
            {actions('claim', c.id)}
          </View>
        ))}
      </StateView>

      <Text className="section-title">{t('staff.rv.proxies')}</Text>
      <StateView
        loading={proxies.loading}
        error={proxies.error}
        onRetry={proxies.reload}
        empty={proxies.data?.length === 0}
        emptyText={t('staff.rv.noProxies')}
      >
        {proxies.data?.map((p) => (
          <View key={p.id} className="card">
            <Text className="card__title">
              {p.dwelling.buildingName} {p.dwelling.entranceName} {p.dwelling.room}
            </Text>
            <Text className="card__meta">{t('staff.rv.proxyTo', { name: p.proxyName })}</Text>
            {p.note && <Text className="card__meta">{p.note}</Text>}
            <View className="st-thumbs">
              <ProxyDocument fileId={p.documentFileId} />
            </View>
            {actions('proxy', p.id)}
          </View>
        ))}
      </StateView>
    </PageShell>
  );
}
