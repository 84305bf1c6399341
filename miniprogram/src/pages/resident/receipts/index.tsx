import { Text, View } from '@tarojs/components';
import Taro, { useDidShow, useRouter } from '@tarojs/taro';
import { useState } from 'react';
import PageShell from '../../../components/PageShell';
import StateView from '../../../components/StateView';
import { useI18n } from '../../../i18n';
import { savedReceipts, type SavedReceipt } from '../../../services/receipts';
import { formatDateTime } from '../../../utils/format';

/** 我的回执: receipts saved on this phone when voting (newest first); tap one to verify it against the log. */
export default function Receipts() {
  const { t } = useI18n();
  const only = useRouter().params.id;
  const [items, setItems] = useState<SavedReceipt[]>([]);
  useDidShow(() => setItems(savedReceipts().filter((r) => !only || r.consultationId === only)));
  return (
    <PageShell titleKey="receipts.title">
      <Text className="section-title">{t('receipts.title')}</Text>
      <Text className="form-hint">{t('receipts.hint')}</Text>
      <StateView empty={items.length === 0} emptyText={t('receipts.empty')}>
        {items.map((r) => (
          <View
            key={r.receiptCode}
            className="card"
            onClick={() => Taro.navigateTo({ url: `/pages/resident/receipt/index?id=${r.consultationId}&code=${r.receiptCode}` })}
            data-testid="saved-receipt"
          >
            <Text className="card__title">{r.consultationTitle}</Text>
            <Text className="card__meta">{r.dwellingLabel}</Text>
            <Text className="big-code mono">{r.receiptCode}</Text>
            <Text className="card__meta">{t('vote.receiptMeta', { seq: r.seq, at: formatDateTime(r.castAt) })}</Text>
            <Text className="link">{t('vote.verify')} ›</Text>
          </View>
        ))}
      </StateView>
    </PageShell>
  );
}
