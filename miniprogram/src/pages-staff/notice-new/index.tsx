import { hasRoleIn } from '@gongzhi/shared';
import { Input, Text, Textarea, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useEffect, useRef, useState } from 'react';
import AudioRecorder from '../../components/AudioRecorder';
import PageShell from '../../components/PageShell';
import StateView from '../../components/StateView';
import { useRemote } from '../../hooks/useRemote';
import { useI18n } from '../../i18n';
import { errorMessage, newIdempotencyKey } from '../../services/api';
import type { Clip } from '../../services/audio';
import AudiencePicker, { type AudienceNode } from '../components/AudiencePicker';
import Chips from '../components/Chips';
import Field from '../components/Field';
import Toggle from '../components/Toggle';
import type { FormErrors } from '../lib/consultationForm';
import { chooseDocument, chooseImages } from '../lib/files';
import { NOTICE_KIND_CHOICES, PUBLICITY_KINDS, toNoticeBody, validateNoticeForm, type NoticeForm } from '../lib/noticeForm';
import { staffApi } from '../lib/staffApi';
import { useGrantAreaNames } from '../lib/useComplexes';
import { useStaff } from '../lib/useStaff';
import '../staff.scss';
import { modalButtons } from '../../utils/h5ModalLang';

const DAY_CHOICES = [7, 10, 15, 30];

export default function NewNotice() {
  const { t, lang } = useI18n();
  const staff = useStaff();
  const scopeLabel = useGrantAreaNames(staff.data?.grants, lang);
  const settings = useRemote(() => staffApi.noticeSettings(), []);
  const roots: AudienceNode[] = (staff.data?.grants ?? [])
    .filter((g) => hasRoleIn([g], 'publishers'))
    .map((g) => ({ code: g.scope, name: scopeLabel(g), level: g.role === 'committee' ? 'complex' : g.role === 'community_worker' ? 'community' : 'street' }));
  const [path, setPath] = useState<AudienceNode[]>([]);
  const [form, setForm] = useState<NoticeForm>({
    kind: 'general',
    audienceCode: '',
    buildingCodes: [],
    title: '',
    body: '',
    titleBo: '',
    bodyBo: '',
    attachmentIds: [],
    pinned: false,
    displayDays: 7,
  });
  const [files, setFiles] = useState<{ fileId: string; filename: string }[]>([]);
  const [audio, setAudio] = useState<Clip[]>([]);
  const [errors, setErrors] = useState<FormErrors>({});
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const key = useRef(newIdempotencyKey());
  const minDays = settings.data?.planPublicityMinDays ?? 7;

  const firstRoot = roots[0];
  useEffect(() => {
    if (!path.length && firstRoot) setPath([firstRoot]);
  }, [path.length, firstRoot]);
  useEffect(() => {
    if (settings.data) setForm((f) => ({ ...f, displayDays: Math.max(settings.data!.defaultDisplayDays, settings.data!.planPublicityMinDays) }));
  }, [settings.data]);
  const patch = (p: Partial<NoticeForm>) => {
    setForm((f) => ({ ...f, ...p }));
    // A field's message goes away once it is edited; the rest stay until the next attempt.
    setErrors((e) => Object.fromEntries(Object.entries(e).filter(([k]) => !(k in p) && !(k === 'audience' && 'buildingCodes' in p))));
  };
  const audienceCode = path[path.length - 1]?.code ?? '';

  const attach = async (kind: 'image' | 'pdf') => {
    try {
      const picked = kind === 'image' ? await chooseImages(9 - files.length) : [await chooseDocument(['pdf'])].filter((x): x is NonNullable<typeof x> => !!x);
      for (const f of picked) {
        const up = await staffApi.uploadAttachment(f);
        setFiles((list) => [...list, { fileId: up.fileId, filename: up.filename }]);
      }
    } catch (e) {
      if ((e as { errMsg?: string })?.errMsg?.includes('cancel')) return;
      Taro.showModal({ title: t('state.error'), content: errorMessage(e), showCancel: false });
    }
  };

  const publish = async () => {
    const full: NoticeForm = { ...form, audienceCode, attachmentIds: files.map((f) => f.fileId) };
    const e = validateNoticeForm(full, minDays);
    setErrors(e);
    if (Object.keys(e).length) {
      Taro.showToast({ title: t('staff.form.fixErrors'), icon: 'none' });
      return;
    }
    const ok = await Taro.showModal({ title: t('staff.nt.confirmTitle'), content: t('staff.nt.confirmText'), ...modalButtons() });
    if (!ok.confirm) return;
    setBusy(true);
    setFailure(null);
    try {
      const clips = audio.map(({ target, lang, fileId }) => ({ target, lang, fileId }));
      const n = await staffApi.publishNotice({ ...toNoticeBody(full), audio: clips }, key.current);
      Taro.redirectTo({ url: `/pages-staff/notice/index?id=${n.id}` });
    } catch (err) {
      setFailure(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <PageShell titleKey="staff.nt.newTitle">
      <StateView
        loading={staff.loading || settings.loading}
        error={staff.error || settings.error}
        onRetry={() => [staff, settings].forEach((r) => r.reload())}
        empty={!!staff.data && roots.length === 0}
        emptyText={t('staff.noGrant')}
      >
        <Field label={t('staff.nt.kind')}>
          <Chips
            options={NOTICE_KIND_CHOICES.map((k) => ({ value: k, label: t(`staff.noticeKind.${k}`) }))}
            value={form.kind}
            onChange={(k) => patch({ kind: k })}
          />
        </Field>
        <Field label={t('staff.nt.audience')} error={errors.audience}>
          <AudiencePicker
            roots={roots}
            path={path.map((n) => roots.find((r) => r.code === n.code) ?? n)}
            buildingCodes={form.buildingCodes}
            onChange={(v) => {
              setPath(v.path);
              patch({ buildingCodes: v.buildingCodes });
            }}
          />
        </Field>
        <Field label={t('staff.nt.titleZh')} error={errors.title}>
          <Input className="st-input" value={form.title} maxlength={100} onInput={(e) => patch({ title: e.detail.value })} data-testid="notice-title" />
        </Field>
        <Field label={t('staff.nt.bodyZh')} error={errors.body}>
          <Textarea
            className="st-textarea"
            value={form.body}
            maxlength={5000}
            autoHeight
            onInput={(e) => patch({ body: e.detail.value })}
            data-testid="notice-body"
          />
        </Field>
        <Field label={t('staff.nt.titleBo')} hint={t('staff.nt.boHint')} error={errors.titleBo}>
          <Input
            className="st-input lang-bo"
            value={form.titleBo}
            maxlength={100}
            onInput={(e) => patch({ titleBo: e.detail.value })}
            data-testid="notice-title-bo"
          />
        </Field>
        <Field label={t('staff.nt.bodyBo')} error={errors.bodyBo}>
          <Textarea
            className="st-textarea lang-bo"
            value={form.bodyBo}
            maxlength={5000}
            autoHeight
            onInput={(e) => patch({ bodyBo: e.detail.value })}
            data-testid="notice-body-bo"
          />
        </Field>
        <AudioRecorder target="main" clips={audio} onChange={setAudio} testId="notice-audio" />
        <Field label={t('staff.nt.attachments')} hint={t('staff.nt.attachHint')}>
          {files.map((f) => (
            <View key={f.fileId} className="st-row">
              <Text className="st-row__title">{f.filename}</Text>
              <Text className="st-row__chevron" onClick={() => setFiles(files.filter((x) => x.fileId !== f.fileId))}>
                ✕
              </Text>
            </View>
          ))}
          {files.length < 9 && (
            <View className="staff-row-actions">
              <View className="btn btn--ghost st-btn--small" onClick={() => attach('image')}>
                {t('staff.nt.addImage')}
              </View>
              <View className="btn btn--ghost st-btn--small" onClick={() => attach('pdf')}>
                {t('staff.nt.addPdf')}
              </View>
            </View>
          )}
        </Field>
        {PUBLICITY_KINDS.includes(form.kind) && (
          <Field
            label={t('staff.nt.displayDays')}
            hint={form.kind === 'plan_publicity' ? t('staff.nt.minDays', { n: minDays }) : undefined}
            error={errors.displayDays}
          >
            <Chips
              options={[...new Set([...(form.kind === 'plan_publicity' ? [minDays] : []), ...DAY_CHOICES])]
                .sort((a, b) => a - b)
                .filter((d) => form.kind !== 'plan_publicity' || d >= minDays)
                .map((d) => ({ value: String(d), label: t('staff.nt.days', { n: d }) }))}
              value={String(form.displayDays)}
              onChange={(d) => patch({ displayDays: Number(d) })}
            />
          </Field>
        )}
        <View className="card">
          <Toggle label={t('staff.nt.pinned')} checked={form.pinned} onChange={(v) => patch({ pinned: v })} />
        </View>
        {failure && <View className="st-banner st-banner--error">{failure}</View>}
        <View className="btn" onClick={busy ? undefined : publish}>
          {busy ? t('staff.saving') : t('staff.nt.publish')}
        </View>
      </StateView>
    </PageShell>
  );
}
