import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { t as translate, useI18n, type MessageKey } from '../../i18n';
import { errorMessage } from '../../services/api';
import { modalButtonsWith } from '../../utils/h5ModalLang';
import { staffApi, type Consultation } from '../lib/staffApi';
import Chips from './Chips';

const REASONS: MessageKey[] = ['staff.close.reason.allVoted', 'staff.close.reason.meeting', 'staff.close.reason.error'];

/** The convenor ends voting early and counts: a reason (picked) and a confirmation step. */
export default function ClosePanel({ id, onClosed }: { id: string; onClosed: (c: Consultation) => void }) {
  const { t } = useI18n();
  // No reason is preselected: "all voted" is only true when the server finds it so, any other early close states why.
  const [reason, setReason] = useState<MessageKey | null>(null);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);

  const close = async () => {
    const ok = await Taro.showModal({
      title: t('staff.close.confirmTitle'),
      content: t('staff.close.confirmText'),
      ...modalButtonsWith(t('staff.close.confirm')),
    });
    if (!ok.confirm) return;
    setBusy(true);
    setFailure(null);
    try {
      onClosed(await staffApi.close(id, reason && reason !== 'staff.close.reason.allVoted' ? translate(reason, undefined, 'zh') : undefined));
    } catch (e) {
      setFailure(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className="card">
      <Text className="card__title">{t('staff.close.title')}</Text>
      <Text className="card__meta">{t('staff.close.hint')}</Text>
      <Text className="st-field__label" style={{ marginTop: '10px' }}>
        {t('staff.close.reason')}
      </Text>
      <Chips options={REASONS.map((k) => ({ value: k, label: t(k) }))} value={reason as MessageKey} onChange={setReason} />
      {failure && <View className="st-banner st-banner--error">{failure}</View>}
      <View className="btn st-btn--danger" style={{ marginTop: '12px' }} onClick={busy ? undefined : close} data-testid="close-vote">
        {busy ? t('staff.saving') : t('staff.close.button')}
      </View>
    </View>
  );
}
