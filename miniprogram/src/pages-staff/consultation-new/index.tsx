import { Input, Text, Textarea, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { Fragment, useEffect, useMemo, useRef, useState } from 'react';
import AudioRecorder from '../../components/AudioRecorder';
import PageShell from '../../components/PageShell';
import StateView from '../../components/StateView';
import { useRemote } from '../../hooks/useRemote';
import { t as tr, useI18n } from '../../i18n';
import { errorMessage, newIdempotencyKey } from '../../services/api';
import type { Clip } from '../../services/audio';
import Chips from '../components/Chips';
import DateTimeField from '../components/DateTimeField';
import Field from '../components/Field';
import QuestionEditor from '../components/QuestionEditor';
import ResidentPreview from '../components/ResidentPreview';
import ScopePicker from '../components/ScopePicker';
import Toggle from '../components/Toggle';
import { editableQuestions, formFromDraft, toCreateBody, validateConsultationForm, type ConsultationForm, type FormErrors } from '../lib/consultationForm';
import { addDays, ceilToMinutes, localDate, localTime } from '../lib/dates';
import { staffApi, type Template } from '../lib/staffApi';
import { areaName, useComplexes } from '../lib/useComplexes';
import { param, useStaff } from '../lib/useStaff';
import '../staff.scss';
import { useLatest } from '../../hooks/useLatest';

function initialForm(
  tpl: Template,
  c: { code: string; name: string; nameBo?: string | null },
  leadTimeHours: number,
  kindLabel: (lang: 'zh' | 'bo') => string,
): ConsultationForm {
  const opens = ceilToMinutes(addDays(new Date(), Math.max(1, Math.ceil(leadTimeHours / 24))), 30);
  const closes = addDays(opens, 7);
  return {
    kind: tpl.kind,
    title: `${areaName(c, 'zh')} · ${kindLabel('zh')}`,
    titleBo: c.nameBo ? `${c.nameBo} · ${kindLabel('bo')}` : '',
    description: tpl.description,
    descriptionBo: tpl.descriptionBo ?? '',
    complexCode: c.code,
    scope: 'complex',
    buildingCodes: [],
    entranceCode: '',
    questions: editableQuestions(tpl.questions),
    allowChange: true,
    covenant: false,
    covenantClause: '',
    start: 'asap',
    openDate: localDate(opens),
    openTime: localTime(opens),
    closeDate: localDate(closes),
    closeTime: localTime(closes),
    leadTimeHours: tpl.kind === 'survey' ? 0 : leadTimeHours,
  };
}

export default function NewConsultation() {
  const { t, lang } = useI18n();
  const router = useRouter();
  const staff = useStaff();
  const complexes = useComplexes(staff.data);
  const templates = useRemote(() => staffApi.templates(), []);
  const settings = useRemote(() => staffApi.consultationSettings(), []);
  const [form, setForm] = useState<ConsultationForm | null>(null);
  const [errors, setErrors] = useState<FormErrors>({});
  const [preview, setPreview] = useState(false);
  const [saving, setSaving] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [audio, setAudio] = useState<Clip[]>([]);
  const key = useRef(newIdempotencyKey());

  const wantedComplex = param(router.params, 'complex') || complexes.current;
  const complex = complexes.list.data?.find((c) => c.code === wantedComplex) ?? complexes.complex;
  const lead = settings.data?.defaultLeadTimeHours ?? 360;

  const start = (kind: Template['kind'], code = complex?.code ?? '') => {
    const tpl = templates.data?.find((x) => x.kind === kind);
    const c = complexes.list.data?.find((x) => x.code === code);
    if (tpl && c) setForm(initialForm(tpl, c, lead, (l) => tr(`consultation.kind.${kind}`, undefined, l)));
  };
  // ?edit=<id>: a saved draft comes back into the same form and is saved with PATCH.
  const editId = param(router.params, 'edit');
  useEffect(() => {
    if (editId) {
      staffApi.consultation(editId).then(
        (c) => {
          setForm(formFromDraft(c));
          setAudio(c.audio ?? []);
        },
        (e) => setFailure(errorMessage(e)),
      );
    }
  }, [editId]);
  const startLatest = useLatest(start);
  useEffect(() => {
    if (!editId && !form && templates.data && complex && settings.data) startLatest.current('whether', complex.code);
  }, [editId, form, templates.data, complex, settings.data, startLatest]);

  const patch = (p: Partial<ConsultationForm>) => {
    setForm((f) => (f ? { ...f, ...p } : f));
    // Edited fields lose their message; questions are re-checked as a whole on the next save.
    const touched = Object.keys(p).flatMap((k) =>
      k === 'scope' || k === 'buildingCodes' || k === 'entranceCode'
        ? ['scope']
        : k.startsWith('close')
          ? ['closes']
          : k.startsWith('open') || k === 'start'
            ? ['opens', 'closes']
            : [k],
    );
    setErrors((e) => Object.fromEntries(Object.entries(e).filter(([k]) => !touched.includes(k) && !(k.startsWith('q') && 'questions' in p))));
  };
  const body = useMemo(() => (form ? toCreateBody(form) : null), [form]);

  const save = async () => {
    if (!form) return;
    const e = validateConsultationForm(form);
    setErrors(e);
    if (Object.keys(e).length) {
      Taro.showToast({ title: t('staff.form.fixErrors'), icon: 'none' });
      return;
    }
    setSaving(true);
    setFailure(null);
    try {
      // Recordings of questions no longer on the form (another template chosen) are left out.
      const targets = ['main', ...form.questions.map((q) => `question:${q.id}`)];
      const clips = audio.filter((c) => targets.includes(c.target)).map(({ target, lang, fileId }) => ({ target, lang, fileId }));
      const { kind: _k, complexCode: _c, ...changes } = toCreateBody(form);
      const created = editId
        ? await staffApi.updateConsultation(editId, { ...changes, audio: clips })
        : await staffApi.createConsultation({ ...toCreateBody(form), audio: clips }, key.current);
      Taro.redirectTo({ url: `/pages-staff/consultation/index?id=${created.id}&asap=${form.start === 'asap' ? 1 : 0}` });
    } catch (err) {
      setFailure(errorMessage(err));
    } finally {
      setSaving(false);
    }
  };

  const loading = staff.loading || complexes.list.loading || templates.loading || settings.loading;
  const error = staff.error || complexes.list.error || templates.error || settings.error;
  return (
    <PageShell titleKey="staff.cn.title">
      <StateView loading={loading && !form} error={error} onRetry={() => [staff, templates, settings, complexes.list].forEach((r) => r.reload())}>
        {form && body && (
          <View>
            <Field
              label={t('staff.cn.template')}
              hint={lang === 'bo' ? t(`staff.tpl.${form.kind}`) : templates.data?.find((x) => x.kind === form.kind)?.description}
            >
              <Chips
                options={(templates.data ?? []).map((x) => ({ value: x.kind, label: t(`consultation.kind.${x.kind}`) }))}
                value={form.kind}
                onChange={(k) => start(k, form.complexCode)}
              />
            </Field>
            <Field label={t('staff.complex')} error={errors.complexCode}>
              <Chips
                options={(complexes.list.data ?? []).map((c) => ({ value: c.code, label: areaName(c, lang) }))}
                value={form.complexCode}
                onChange={(code) => patch({ complexCode: code, scope: 'complex', buildingCodes: [], entranceCode: '' })}
              />
            </Field>
            <Field label={t('staff.cn.titleLabel')} error={errors.title}>
              <Input className="st-input" value={form.title} maxlength={100} onInput={(e) => patch({ title: e.detail.value })} />
            </Field>
            <Field label={t('staff.bi.titleBo')}>
              <Input
                className="st-input lang-bo"
                value={form.titleBo}
                maxlength={100}
                onInput={(e) => patch({ titleBo: e.detail.value })}
                data-testid="cn-title-bo"
              />
            </Field>
            <Field label={t('staff.cn.description')}>
              <Textarea className="st-textarea" value={form.description} maxlength={10000} autoHeight onInput={(e) => patch({ description: e.detail.value })} />
            </Field>
            <Field label={t('staff.bi.descriptionBo')}>
              <Textarea
                className="st-textarea lang-bo"
                value={form.descriptionBo}
                maxlength={10000}
                autoHeight
                onInput={(e) => patch({ descriptionBo: e.detail.value })}
                data-testid="cn-desc-bo"
              />
            </Field>
            <AudioRecorder target="main" clips={audio} onChange={setAudio} testId="cn-audio" />
            <Field label={t('staff.cn.electorate')} error={errors.scope}>
              <ScopePicker
                complexCode={form.complexCode}
                scope={form.scope}
                buildingCodes={form.buildingCodes}
                entranceCode={form.entranceCode}
                onChange={(v) => patch(v)}
              />
            </Field>

            <Text className="section-title">{t('staff.cn.questions')}</Text>
            {form.questions.map((q, i) => (
              <Fragment key={q.id}>
                <QuestionEditor
                  index={i}
                  kind={form.kind}
                  question={q}
                  errors={errors}
                  onChange={(nq) => patch({ questions: form.questions.map((x, k) => (k === i ? nq : x)) })}
                />
                <AudioRecorder target={`question:${q.id}`} clips={audio} onChange={setAudio} testId={`cn-audio-${q.id}`} />
              </Fragment>
            ))}

            <Text className="section-title">{t('staff.cn.rules')}</Text>
            <View className="card">
              <Toggle label={t('staff.cn.allowChange')} checked={form.allowChange} onChange={(v) => patch({ allowChange: v })} />
              {form.kind !== 'survey' && (
                <Toggle label={t('staff.cn.covenant')} hint={t('staff.cn.covenantHint')} checked={form.covenant} onChange={(v) => patch({ covenant: v })} />
              )}
              {form.covenant && (
                <Field label={t('staff.cn.covenantClause')} error={errors.covenantClause}>
                  <Textarea className="st-textarea" value={form.covenantClause} maxlength={2000} onInput={(e) => patch({ covenantClause: e.detail.value })} />
                </Field>
              )}
            </View>

            <Text className="section-title">{t('staff.cn.time')}</Text>
            <View className="card">
              <Field
                label={t('staff.cn.opens')}
                hint={form.kind === 'survey' ? undefined : form.leadTimeHours ? t('staff.cn.leadHint', { hours: form.leadTimeHours }) : t('staff.cn.noLead')}
                error={errors.opens}
              >
                <Chips
                  options={[
                    { value: 'asap' as const, label: t('staff.cn.asap') },
                    { value: 'at' as const, label: t('staff.cn.at') },
                  ]}
                  value={form.start}
                  onChange={(v) => patch({ start: v })}
                />
                {form.start === 'at' && (
                  <View style={{ marginTop: '8px' }}>
                    <DateTimeField date={form.openDate} time={form.openTime} onChange={(v) => patch({ openDate: v.date, openTime: v.time })} />
                  </View>
                )}
              </Field>
              <Field label={t('staff.cn.closes')} error={errors.closes}>
                <DateTimeField date={form.closeDate} time={form.closeTime} onChange={(v) => patch({ closeDate: v.date, closeTime: v.time })} />
              </Field>
            </View>

            {preview && (
              <ResidentPreview
                title={body.title}
                titleBo={body.titleBo}
                description={body.description ?? ''}
                descriptionBo={body.descriptionBo}
                questions={body.questions ?? []}
                closesAt={body.closesAt}
                allowChange={form.allowChange}
              />
            )}
            {failure && <View className="st-banner st-banner--error">{failure}</View>}
            <View className="staff-actions">
              <View className="btn btn--ghost" onClick={() => setPreview(!preview)} data-testid="cn-preview">
                {preview ? t('staff.cn.hidePreview') : t('staff.cn.preview')}
              </View>
              <View className={`btn ${saving ? 'st-btn--busy' : ''}`} onClick={saving ? undefined : save} data-testid="cn-save">
                {saving ? t('staff.saving') : t(editId ? 'staff.cn.saveChanges' : 'staff.cn.saveDraft')}
              </View>
            </View>
          </View>
        )}
      </StateView>
    </PageShell>
  );
}
