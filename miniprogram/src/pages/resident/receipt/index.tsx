import { Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import LoginButton from '../../../components/LoginButton';
import PageShell from '../../../components/PageShell';
import Section from '../../../components/Section';
import StateView from '../../../components/StateView';
import { useRemote } from '../../../hooks/useRemote';
import { useI18n } from '../../../i18n';
import { verifyReceipt } from '../../../services/resident';
import { formatDateTime } from '../../../utils/format';

/** 核验回执: is my receipt code in the vote log, and is the log's hash chain intact? */
export default function ReceiptPage() {
  const { t } = useI18n();
  const { id = '', code = '' } = useRouter().params;
  const check = useRemote(() => verifyReceipt(id, code), [id, code]);
  const r = check.data;
  return (
    <PageShell titleKey="receipt.title">
      <Text className="section-title">{t('receipt.title')}</Text>
      <Text className="big-code mono">{code}</Text>
      <StateView loading={check.loading && !r} error={check.error} onRetry={check.reload} action={check.status === 401 ? <LoginButton /> : undefined}>
        {r && (
          <View data-testid="receipt-check" data-found={r.found ? '1' : '0'}>
            <Section title={t('receipt.result')}>
              <Text className={`badge ${r.found ? 'badge--ok' : 'badge--bad'}`}>{t(r.found ? 'receipt.found' : 'receipt.notFound')}</Text>
              {r.found && (
                <View>
                  <View className="kv">
                    <Text className="kv__k">{t('receipt.seq')}</Text>
                    <Text className="kv__v">{r.seq}</Text>
                  </View>
                  {r.at && (
                    <View className="kv">
                      <Text className="kv__k">{t('receipt.at')}</Text>
                      <Text className="kv__v">{formatDateTime(r.at)}</Text>
                    </View>
                  )}
                  <View className="kv">
                    <Text className="kv__k">{t('receipt.final')}</Text>
                    <Text className="kv__v">
                      {r.inFinalLog === null ? t('receipt.finalPending') : t(r.inFinalLog ? 'receipt.finalYes' : 'receipt.finalNo')}
                    </Text>
                  </View>
                </View>
              )}
            </Section>
            <Section title={t('receipt.chain')}>
              <Text className={`badge ${r.chain.valid ? 'badge--ok' : 'badge--bad'}`}>{t(r.chain.valid ? 'receipt.chainOk' : 'receipt.chainBroken')}</Text>
              <Text className="card__meta" style={{ display: 'block' }}>
                {t('receipt.entries', { n: r.chain.entries })}
              </Text>
              <Text className="card__meta" style={{ display: 'block' }}>
                {t(r.chain.electorateMatches ? 'receipt.rosterOk' : 'receipt.rosterBad')}
              </Text>
              {r.chain.matchesAnnounced !== null && (
                <Text className="card__meta" style={{ display: 'block' }}>
                  {t(r.chain.matchesAnnounced ? 'receipt.announcedOk' : 'receipt.announcedBad')}
                </Text>
              )}
              {r.chain.reason && <Text className="form-error">{r.chain.reason}</Text>}
              {r.chain.head && <Text className="card__meta mono">{t('receipt.head', { hash: r.chain.head.hash.slice(0, 16) })}</Text>}
            </Section>
          </View>
        )}
      </StateView>
    </PageShell>
  );
}
