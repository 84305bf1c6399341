import { Input, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { useI18n, type MessageKey } from '../../i18n';
import { errorMessage } from '../../services/api';
import { reasonText, reasonTextBo, WITHDRAW_REASONS } from '../lib/noticeAmend';
import { staffApi, type Notice } from '../lib/staffApi';
import Chips from './Chips';
import Field from './Field';
import { modalButtons } from '../../utils/h5ModalLang';

/** Withdrawing a notice: a reason and a confirmation sheet; the record stays and residents see why. */
export default function NoticeWithdrawPanel({ notice, onDone, onCancel }: { notice: Notice; onDone: (n: Notice) => void; onCancel: () => void }) {
  const { t } = useI18n();
  const [reason, setReason] = useState<MessageKey>(WITHDRAW_REASONS[0]);
  const [detail, setDetail] = useState('');
  const [detailBo, setDetailBo] = useState('');
  const [error, setError] = useState<MessageKey | undefined>();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);

  const submit = async () => {
    const text = reasonText(reason, detail);
    if (!text) return setError('staff.form.required');
    if (text.length > 500) return setError('staff.form.tooLong');
    const ok = await Taro.showModal({
      title: t('staff.nt.withdrawConfirm'),
      content: t('staff.nt.withdrawConfirmText', { reason: text }),
      confirmColor: '#b0302a',
      ...modalButtons(),
    });
    if (!ok.confirm) return undefined;
    setBusy(true);
    setFailure(null);
    try {
      onDone(await staffApi.withdrawNotice(notice.id, text, reasonTextBo(reason, detail, detailBo)));
    } catch (e) {
      setFailure(errorMessage(e));
    } finally {
      setBusy(false);
    }
    return undefined;
  };

  return (
    <View className="card" data-testid="notice-withdraw">
      <Text className="card__title">{t('staff.nt.withdrawTitle')}</Text>
      <Text className="card__meta">{t('staff.nt.withdrawHint')}</Text>
      <Field label={t('staff.nt.reason')}>
        <Chips
          options={WITHDRAW_REASONS.map((k) => ({ value: k, label: t(k) }))}
          value={reason}
          onChange={(r) => {
            setReason(r);
            setError(undefined);
          }}
        />
      </Field>
      <Field label={t('staff.nt.reasonDetail')} hint={t('staff.nt.reasonDetailHint')} error={error}>
        <Input
          className="st-input"
          value={detail}
          maxlength={200}
          onInput={(e) => {
            setDetail(e.detail.value);
            setError(undefined);
          }}
          data-testid="withdraw-detail"
        />
      </Field>
      <Field label={t('staff.nt.reasonDetailBo')}>
        <Input className="st-input lang-bo" value={detailBo} maxlength={200} onInput={(e) => setDetailBo(e.detail.value)} data-testid="withdraw-detail-bo" />
      </Field>
      {failure && <View className="st-banner st-banner--error">{failure}</View>}
      <View className="btn st-btn--danger" onClick={busy ? undefined : submit} data-testid="withdraw-submit">
        {busy ? t('staff.saving') : t('staff.nt.withdraw')}
      </View>
      <View className="btn btn--plain" onClick={onCancel}>
        {t('common.cancel')}
      </View>
    </View>
  );
}
