import type { ConsultationKind, ConsultationQuestion, CreateConsultationBody } from '@gongzhi/shared';
import type { MessageKey } from '../../i18n';
import { joinLocal, localDate, localTime } from './dates';
import { parseYuanToFen } from './numbers';
import { systemTextBo } from '@gongzhi/shared/src/text/systemBo';

/** The create form's state: everything is picked except the titles, option labels and costs. */
export interface ConsultationForm {
  kind: ConsultationKind;
  title: string;
  /** Tibetan siblings: empty → Tibetan readers see the Chinese with a "Chinese only" mark. */
  titleBo: string;
  description: string;
  descriptionBo: string;
  complexCode: string;
  scope: 'complex' | 'buildings' | 'entrance';
  buildingCodes: string[];
  entranceCode: string;
  questions: EditableQuestion[];
  allowChange: boolean;
  covenant: boolean;
  covenantClause: string;
  /** 'asap' = open as soon as the lead time allows (recomputed when scheduling); 'at' = the chosen date and time. */
  start: 'asap' | 'at';
  openDate: string;
  openTime: string;
  closeDate: string;
  closeTime: string;
  leadTimeHours: number;
}

/** Costs are typed in yuan; they become integer fen only in the request body. */
export interface EditableQuestion extends Omit<ConsultationQuestion, 'options'> {
  options: (ConsultationQuestion['options'][number] & { costYuan?: string; shareYuan?: string })[];
}

export type FormErrors = Partial<Record<string, MessageKey>>;

const fenToYuanText = (fen: number | undefined) => (fen === undefined ? undefined : fen % 100 ? (fen / 100).toFixed(2) : String(fen / 100));

/** Template texts arrive with their known Tibetan filled in, so staff only write what is new. */
export function editableQuestions(questions: readonly ConsultationQuestion[]): EditableQuestion[] {
  return questions.map((q) => ({
    ...q,
    titleBo: q.titleBo ?? systemTextBo(q.title) ?? '',
    options: q.options.map((o) => ({
      ...o,
      labelBo: o.labelBo ?? systemTextBo(o.label) ?? '',
      costYuan: fenToYuanText(o.costFen),
      shareYuan: fenToYuanText(o.householdShareFen),
    })),
  }));
}

const bo = (s: string | undefined) => (s?.trim() ? s.trim() : undefined);

/** Rules a question of this format may use: decisions never come from multi-choice, rating or text questions. */
export function rulesFor(format: ConsultationQuestion['format'], kind: ConsultationKind): ConsultationQuestion['rule'][] {
  if (kind === 'survey' || format === 'choose' || format === 'rating' || format === 'text') return ['survey'];
  return ['civil_major', 'civil_ordinary', 'simple_majority'];
}

/** Field → message key; empty when the form may be saved. Mirrors the server's schema so errors show before sending. */
export function validateConsultationForm(f: ConsultationForm, now: Date = new Date()): FormErrors {
  const e: FormErrors = {};
  const title = f.title.trim();
  if (!title) e.title = 'staff.form.required';
  else if (title.length > 100) e.title = 'staff.form.tooLong';
  if (!f.complexCode) e.complexCode = 'staff.cn.pickComplex';
  if (f.scope === 'buildings' && f.buildingCodes.length === 0) e.scope = 'staff.cn.pickBuildings';
  if (f.scope === 'entrance' && !f.entranceCode) e.scope = 'staff.cn.pickEntrance';
  f.questions.forEach((q, i) => {
    if (!q.title.trim()) e[`q${i}.title`] = 'staff.form.required';
    q.options.forEach((o, j) => {
      if (!o.label.trim()) e[`q${i}.o${j}.label`] = 'staff.form.required';
      if (o.costYuan !== undefined && o.costYuan.trim() !== '' && parseYuanToFen(o.costYuan) === null) e[`q${i}.o${j}.cost`] = 'staff.form.badMoney';
      if (o.shareYuan !== undefined && o.shareYuan.trim() !== '' && parseYuanToFen(o.shareYuan) === null) e[`q${i}.o${j}.share`] = 'staff.form.badMoney';
    });
    if (!rulesFor(q.format, f.kind).includes(q.rule)) e[`q${i}.rule`] = 'staff.cn.ruleNotAllowed';
  });
  if (f.covenant && f.covenantClause.trim().length < 4) e.covenantClause = 'staff.cn.covenantClauseNeeded';
  const closes = joinLocal(f.closeDate, f.closeTime);
  if (!closes) e.closes = 'staff.form.required';
  else if (closes.getTime() <= now.getTime()) e.closes = 'staff.cn.closesInPast';
  if (f.start === 'at') {
    const opens = joinLocal(f.openDate, f.openTime);
    if (!opens) e.opens = 'staff.form.required';
    else if (closes && closes.getTime() <= opens.getTime()) e.closes = 'staff.cn.closesBeforeOpens';
  }
  return e;
}

/** When voting opens: the chosen time, or now plus the lead time (rounded up to a minute, plus a margin). */
export function opensAtFor(f: ConsultationForm, now: Date = new Date()): Date {
  if (f.start === 'at') return joinLocal(f.openDate, f.openTime) ?? now;
  const lead = f.kind === 'survey' ? 0 : f.leadTimeHours;
  return new Date(now.getTime() + lead * 3600_000 + 5_000);
}

/** The POST /api/consultations body for a valid form. */
export function toCreateBody(f: ConsultationForm, now: Date = new Date()): CreateConsultationBody {
  const closes = joinLocal(f.closeDate, f.closeTime)!;
  const money = (s: string | undefined) => (s === undefined || s.trim() === '' ? undefined : (parseYuanToFen(s) ?? undefined));
  return {
    kind: f.kind,
    title: f.title.trim(),
    titleBo: bo(f.titleBo),
    description: f.description.trim() || undefined,
    descriptionBo: bo(f.descriptionBo),
    complexCode: f.complexCode,
    electorate:
      f.scope === 'buildings'
        ? { level: 'buildings', buildingCodes: f.buildingCodes }
        : f.scope === 'entrance'
          ? { level: 'entrance', entranceCode: f.entranceCode }
          : { level: 'complex' },
    questions: f.questions.map(({ options, ...q }) => ({
      ...q,
      title: q.title.trim(),
      titleBo: bo(q.titleBo),
      options: options.map(({ costYuan, shareYuan, costFen: _cost, householdShareFen: _share, labelBo, ...o }) => {
        const costFen = money(costYuan);
        const householdShareFen = money(shareYuan);
        return {
          ...o,
          label: o.label.trim(),
          ...(bo(labelBo) ? { labelBo: bo(labelBo) } : {}),
          ...(costFen !== undefined ? { costFen } : {}),
          ...(householdShareFen !== undefined ? { householdShareFen } : {}),
        };
      }),
    })),
    allowChange: f.allowChange,
    covenant: f.covenant ? { enabled: true, clauseText: f.covenantClause.trim() } : { enabled: false },
    leadTimeHours: f.kind === 'survey' ? 0 : f.leadTimeHours,
    opensAt: opensAtFor(f, now).toISOString(),
    closesAt: closes.toISOString(),
  };
}

/** A saved draft back in the form, for editing (the window is kept as chosen: 'at'). */
export function formFromDraft(c: {
  kind: ConsultationKind;
  title: string;
  titleBo?: string | null;
  description: string;
  descriptionBo?: string | null;
  complexCode: string;
  electorateScope: { level: ConsultationForm['scope']; buildingCodes?: string[]; entranceCode?: string };
  questions: ConsultationQuestion[];
  allowChange: boolean;
  covenant: { enabled: boolean; clauseText: string | null };
  opensAt: string;
  closesAt: string;
  leadTimeHours: number;
}): ConsultationForm {
  const opens = new Date(c.opensAt);
  const closes = new Date(c.closesAt);
  return {
    kind: c.kind,
    title: c.title,
    titleBo: c.titleBo ?? '',
    description: c.description,
    descriptionBo: c.descriptionBo ?? '',
    complexCode: c.complexCode,
    scope: c.electorateScope.level,
    buildingCodes: c.electorateScope.buildingCodes ?? [],
    entranceCode: c.electorateScope.entranceCode ?? '',
    questions: editableQuestions(c.questions),
    allowChange: c.allowChange,
    covenant: c.covenant.enabled,
    covenantClause: c.covenant.clauseText ?? '',
    start: 'at',
    openDate: localDate(opens),
    openTime: localTime(opens),
    closeDate: localDate(closes),
    closeTime: localTime(closes),
    leadTimeHours: c.leadTimeHours,
  };
}
