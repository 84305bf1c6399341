import { Text, Textarea, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { useI18n } from '../../i18n';
import { errorMessage } from '../../services/api';
import { formatDateTime } from '../../utils/format';
import { staffApi, type Objections } from '../lib/staffApi';
import { modalButtons } from '../../utils/h5ModalLang';

type Objection = Objections['items'][number];

/** One resident objection: the text, where it came from, and the answer form (or the answer given). */
export default function ObjectionCard({ noticeId, o, onChanged }: { noticeId: string; o: Objection; onChanged: () => void }) {
  const { t } = useI18n();
  const [text, setText] = useState('');
  // The answer in Tibetan too (optional): without it Tibetan readers see the Chinese with a "Chinese only" mark.
  const [textBo, setTextBo] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const answer = async () => {
    if (!text.trim()) {
      setError(t('staff.form.required'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await staffApi.answerObjection(noticeId, o.id, text.trim(), textBo.trim() || undefined);
      setText('');
      setTextBo('');
      onChanged();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  const close = async () => {
    const ok = await Taro.showModal({ title: t('staff.ob.closeTitle'), content: t('staff.ob.closeText'), ...modalButtons() });
    if (!ok.confirm) return;
    try {
      await staffApi.closeObjection(noticeId, o.id);
      onChanged();
    } catch (e) {
      setError(errorMessage(e));
    }
  };

  return (
    <View className="card" data-testid="objection">
      <View className="staff-head">
        <Text className={`st-pill ${o.status === 'open' ? 'st-pill--warn' : o.status === 'answered' ? 'st-pill--good' : 'st-pill--neutral'}`}>
          {t(`staff.ob.status.${o.status}`)}
        </Text>
        <Text className="card__meta">{formatDateTime(o.createdAt)}</Text>
      </View>
      {o.dwelling && (
        <Text className="card__meta">
          {o.dwelling.buildingName ?? ''} {o.dwelling.room ?? ''}
        </Text>
      )}
      <Text className="st-row__title" style={{ display: 'block', marginTop: '6px' }}>
        {o.text}
      </Text>
      {o.photos.length > 0 && <Text className="card__meta">{t('staff.ob.photos', { n: o.photos.length })}</Text>}
      {o.response && (
        <View className="st-arith__reasons">
          <Text className="st-arith__reason">
            {t('staff.ob.answered', { date: formatDateTime(o.response.at) })}：{o.response.text}
            {o.response.textBo ? ` / ${o.response.textBo}` : ''}
          </Text>
        </View>
      )}
      {o.status === 'open' && (
        <View style={{ marginTop: '10px' }}>
          <Textarea
            className="st-textarea"
            value={text}
            maxlength={2000}
            placeholder={t('staff.ob.answerPlaceholder')}
            onInput={(e) => setText(e.detail.value)}
          />
          <Text className="st-field__label">{t('staff.bi.replyBo')}</Text>
          <Textarea
            className="st-textarea lang-bo"
            value={textBo}
            maxlength={2000}
            onInput={(e) => setTextBo(e.detail.value)}
            data-testid="objection-reply-bo"
          />
          {error && <Text className="st-field__error">{error}</Text>}
          <View className="staff-row-actions">
            <View className="btn st-btn--small" onClick={busy ? undefined : answer}>
              {busy ? t('staff.saving') : t('staff.ob.answer')}
            </View>
            <View className="btn btn--plain st-btn--small" onClick={close}>
              {t('staff.ob.close')}
            </View>
          </View>
        </View>
      )}
    </View>
  );
}
