import { Input, Text, Textarea, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { useI18n } from '../../i18n';
import AudioRecorder from '../../components/AudioRecorder';
import { errorMessage } from '../../services/api';
import type { Clip } from '../../services/audio';
import type { FormErrors } from '../lib/consultationForm';
import { AMEND_REASONS, amendBody, amendFormOf, amendReason, validateAmend, type AmendForm } from '../lib/noticeAmend';
import { staffApi, type Notice } from '../lib/staffApi';
import Chips from './Chips';
import Field from './Field';
import { modalButtons } from '../../utils/h5ModalLang';

/** Correcting a published notice: edited zh/bo text and a reason (picked, or typed for "other"); a new version. */
export default function NoticeAmendPanel({ notice, onDone, onCancel }: { notice: Notice; onDone: (n: Notice) => void; onCancel: () => void }) {
  const { t } = useI18n();
  const [form, setForm] = useState<AmendForm>(() => amendFormOf(notice));
  const [errors, setErrors] = useState<FormErrors>({});
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  // Recordings change by amendment too (a new version with its reason); the old version keeps its own.
  const [audio, setAudio] = useState<Clip[]>(() => [...(notice.audio ?? [])]);
  const clipKey = (list: readonly Clip[]) =>
    list
      .map((c) => `${c.target}/${c.lang}/${c.fileId}`)
      .sort()
      .join();
  const audioChanged = clipKey(audio) !== clipKey(notice.audio ?? []);
  const patch = (p: Partial<AmendForm>) => {
    setForm((f) => ({ ...f, ...p }));
    setErrors({});
  };

  const submit = async () => {
    const e = validateAmend(form, notice);
    if (audioChanged && e.body === 'staff.nt.noChange') delete e.body; // only the recordings changed
    setErrors(e);
    if (Object.keys(e).length) return;
    const ok = await Taro.showModal({
      title: t('staff.nt.amendConfirm'),
      content: t('staff.nt.amendConfirmText', { v: notice.version + 1 }),
      ...modalButtons(),
    });
    if (!ok.confirm) return;
    setBusy(true);
    setFailure(null);
    try {
      const body = amendBody(form, notice) ?? amendReason(form);
      const n = await staffApi.amendNotice(
        notice.id,
        audioChanged ? { ...body, audio: audio.map(({ target, lang, fileId }) => ({ target, lang, fileId })) } : body,
      );
      Taro.showToast({ title: t('staff.nt.amended', { v: n.version }), icon: 'none' });
      onDone(n);
    } catch (err) {
      setFailure(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className="card" data-testid="notice-amend">
      <Text className="card__title">{t('staff.nt.amendTitle')}</Text>
      <Text className="card__meta">{t('staff.nt.amendHint')}</Text>
      <Field label={t('staff.nt.titleZh')} error={errors.title}>
        <Input className="st-input" value={form.title} maxlength={100} onInput={(e) => patch({ title: e.detail.value })} data-testid="amend-title" />
      </Field>
      <Field label={t('staff.nt.bodyZh')} error={errors.body}>
        <Textarea
          className="st-textarea"
          value={form.body}
          maxlength={5000}
          autoHeight
          onInput={(e) => patch({ body: e.detail.value })}
          data-testid="amend-body"
        />
      </Field>
      <Field label={t('staff.nt.titleBo')} hint={t('staff.nt.boHint')} error={errors.titleBo}>
        <Input
          className="st-input lang-bo"
          value={form.titleBo}
          maxlength={100}
          onInput={(e) => patch({ titleBo: e.detail.value })}
          data-testid="amend-title-bo"
        />
      </Field>
      <Field label={t('staff.nt.bodyBo')} error={errors.bodyBo}>
        <Textarea
          className="st-textarea lang-bo"
          value={form.bodyBo}
          maxlength={5000}
          autoHeight
          onInput={(e) => patch({ bodyBo: e.detail.value })}
          data-testid="amend-body-bo"
        />
      </Field>
      <AudioRecorder target="main" clips={audio} onChange={setAudio} testId="amend-audio" />
      <Field label={t('staff.nt.reason')}>
        <Chips options={AMEND_REASONS.map((k) => ({ value: k, label: t(k) }))} value={form.reason} onChange={(reason) => patch({ reason })} />
      </Field>
      <Field label={t('staff.nt.reasonDetail')} hint={t('staff.nt.reasonDetailHint')} error={errors.detail}>
        <Input className="st-input" value={form.detail} maxlength={200} onInput={(e) => patch({ detail: e.detail.value })} data-testid="amend-detail" />
      </Field>
      <Field label={t('staff.nt.reasonDetailBo')}>
        <Input
          className="st-input lang-bo"
          value={form.detailBo}
          maxlength={200}
          onInput={(e) => patch({ detailBo: e.detail.value })}
          data-testid="amend-detail-bo"
        />
      </Field>
      {failure && <View className="st-banner st-banner--error">{failure}</View>}
      <View className="btn" onClick={busy ? undefined : submit} data-testid="amend-submit">
        {busy ? t('staff.saving') : t('staff.nt.amendSubmit')}
      </View>
      <View className="btn btn--plain" onClick={onCancel}>
        {t('common.cancel')}
      </View>
    </View>
  );
}
