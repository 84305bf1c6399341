import type { ConsultationKind, ConsultationQuestion } from '@gongzhi/shared';
import { CONSULTATION_KIND_LABELS, KIND_LABELS_BO, systemTextBo } from '@gongzhi/shared';

/**
 * The template each kind starts from; the committee edits titles, options, costs and pictures before scheduling.
 * Rules follow 民法典第278条: renovation and elevators are item (7) (3/4 rule); choosing a management model is
 * item (4) (ordinary majority); surveys decide nothing.
 */
export interface ConsultationTemplateDef {
  kind: ConsultationKind;
  label: string;
  description: string;
  questions: ConsultationQuestion[];
  labelBo?: string;
  descriptionBo?: string;
}

const item = (id: string, label: string, category: 'basic' | 'improvement' | 'upgrade', costFen: number) => ({ id, label, category, costFen });

const TEMPLATES_ZH: ConsultationTemplateDef[] = [
  {
    kind: 'whether',
    label: CONSULTATION_KIND_LABELS.whether,
    description: '是否同意实施改造（或加装电梯）。属民法典第二百七十八条第（七）项，按“双三分之二参与、双四分之三同意”计票。',
    questions: [{ id: 'renovate', title: '是否同意对本小区实施老旧小区改造', format: 'yes_no', rule: 'civil_major', options: [] }],
  },
  {
    kind: 'what',
    label: CONSULTATION_KIND_LABELS.what,
    description: '从改造项目清单中逐项表决（基础类、完善类、提升类），并可附加“最多选 N 项”的意向调查。',
    questions: [
      {
        id: 'items',
        title: '请对以下改造项目逐项表决',
        format: 'items',
        rule: 'civil_major',
        options: [
          item('roof', '屋面防水修缮', 'basic', 48000000),
          item('pipes', '供排水管网改造', 'basic', 36000000),
          item('elevator', '加装电梯', 'improvement', 60000000),
          item('barrier-free', '适老化与无障碍改造', 'improvement', 12000000),
          item('elderly-care', '社区养老服务站', 'upgrade', 20000000),
        ],
      },
      {
        id: 'priority',
        title: '您最希望优先实施的项目（最多选 3 项，按先后排序）',
        format: 'choose',
        rule: 'survey',
        ranked: true,
        maxChoices: 3,
        options: [item('roof', '屋面防水修缮', 'basic', 0), item('pipes', '供排水管网改造', 'basic', 0), item('elevator', '加装电梯', 'improvement', 0)],
      },
    ],
  },
  {
    kind: 'how',
    label: CONSULTATION_KIND_LABELS.how,
    description: '比选设计方案：每个方案附效果图、造价、工期和每户估算分摊。',
    questions: [
      {
        id: 'design',
        title: '请选择改造设计方案',
        format: 'pick_one',
        rule: 'civil_major',
        options: [
          { id: 'plan-a', label: '方案一', costFen: 0, schedule: '', householdShareFen: 0 },
          { id: 'plan-b', label: '方案二', costFen: 0, schedule: '', householdShareFen: 0 },
        ],
      },
    ],
  },
  {
    kind: 'manage',
    label: CONSULTATION_KIND_LABELS.manage,
    description: '改造后的管理模式与收费标准。选聘物业属民法典第二百七十八条第（四）项，按“双过半”计票。',
    questions: [
      {
        id: 'model',
        title: '改造后的管理模式',
        format: 'pick_one',
        rule: 'civil_ordinary',
        options: [
          { id: 'property', label: '专业化物业服务' },
          { id: 'quasi', label: '准物业（社区托管）服务' },
          { id: 'self', label: '业主自治管理' },
        ],
      },
      {
        id: 'fee',
        title: '物业服务收费标准',
        format: 'pick_one',
        rule: 'civil_ordinary',
        options: [
          { id: 'fee-low', label: '每月每平方米 0.5 元' },
          { id: 'fee-mid', label: '每月每平方米 0.8 元' },
        ],
      },
    ],
  },
  {
    kind: 'survey',
    label: CONSULTATION_KIND_LABELS.survey,
    description: '征集需求与意见，不作决定；租户也可以填写。',
    questions: [
      {
        id: 'needs',
        title: '您最关心的问题（可多选）',
        format: 'choose',
        rule: 'survey',
        options: [
          { id: 'water', label: '供水' },
          { id: 'roads', label: '道路' },
          { id: 'parking', label: '停车' },
          { id: 'elevator', label: '电梯' },
        ],
      },
      { id: 'satisfaction', title: '对目前居住环境的满意度（1–5 分）', format: 'rating', rule: 'survey', options: [] },
      { id: 'advice', title: '其他意见和建议', format: 'text', rule: 'survey', options: [] },
    ],
  },
];

/**
 * Each template with its Tibetan beside it. Question titles and option labels are looked up by their exact Chinese
 * text (shared/src/text/systemBo.ts), so a text the committee edits is never shown with a stale translation.
 */
export const CONSULTATION_TEMPLATES: ConsultationTemplateDef[] = TEMPLATES_ZH.map((t) => ({
  ...t,
  labelBo: KIND_LABELS_BO[t.kind],
  descriptionBo: systemTextBo(t.description),
}));

export const templateFor = (kind: ConsultationKind): ConsultationTemplateDef => CONSULTATION_TEMPLATES.find((t) => t.kind === kind)!;
