import { describe, expect, it } from '@jest/globals';
import { CreateConsultationBody, type ConsultationQuestion } from '@gongzhi/shared';
import { editableQuestions, opensAtFor, rulesFor, toCreateBody, validateConsultationForm, type ConsultationForm } from './consultationForm';

const NOW = new Date('2026-11-27T02:00:00Z'); // 10:00 China time: the form's dates and times are China time
const how: ConsultationQuestion[] = [
  {
    id: 'design',
    title: '请选择改造设计方案',
    format: 'pick_one',
    rule: 'civil_major',
    options: [
      { id: 'plan-a', label: '方案一', costFen: 0, householdShareFen: 0 },
      { id: 'plan-b', label: '方案二', costFen: 120050 },
    ],
  },
];

function form(patch: Partial<ConsultationForm> = {}): ConsultationForm {
  return {
    kind: 'how',
    title: '幸福小区 · 怎么改',
    titleBo: '',
    description: '',
    descriptionBo: '',
    complexCode: '540102001001001',
    scope: 'complex',
    buildingCodes: [],
    entranceCode: '',
    questions: editableQuestions(how),
    allowChange: true,
    covenant: false,
    covenantClause: '',
    start: 'asap',
    openDate: '2026-12-13',
    openTime: '10:00',
    closeDate: '2026-12-20',
    closeTime: '18:00',
    leadTimeHours: 360,
    ...patch,
  };
}

describe('consultation form', () => {
  it('accepts the template as it comes', () => {
    expect(validateConsultationForm(form(), NOW)).toEqual({});
  });

  it('names each field that is wrong', () => {
    const q = editableQuestions(how);
    q[0].title = ' ';
    q[0].options[1].costYuan = '12.345';
    q[0].options[0].label = '';
    const e = validateConsultationForm(
      form({
        title: '',
        complexCode: '',
        scope: 'buildings',
        questions: q,
        covenant: true,
        covenantClause: '规约',
        start: 'at',
        openDate: '2026-12-21',
        openTime: '09:00',
      }),
      NOW,
    );
    expect(e).toEqual({
      title: 'staff.form.required',
      complexCode: 'staff.cn.pickComplex',
      scope: 'staff.cn.pickBuildings',
      'q0.title': 'staff.form.required',
      'q0.o0.label': 'staff.form.required',
      'q0.o1.cost': 'staff.form.badMoney',
      covenantClause: 'staff.cn.covenantClauseNeeded',
      closes: 'staff.cn.closesBeforeOpens',
    });
    expect(validateConsultationForm(form({ scope: 'entrance' }), NOW).scope).toBe('staff.cn.pickEntrance');
    expect(validateConsultationForm(form({ closeDate: '2026-11-26' }), NOW).closes).toBe('staff.cn.closesInPast');
    expect(validateConsultationForm(form({ title: 'x'.repeat(101) }), NOW).title).toBe('staff.form.tooLong');
  });

  it('never lets a multi-choice, rating or text question decide, and surveys only count', () => {
    expect(rulesFor('yes_no', 'whether')).toEqual(['civil_major', 'civil_ordinary', 'simple_majority']);
    expect(rulesFor('choose', 'what')).toEqual(['survey']);
    expect(rulesFor('yes_no', 'survey')).toEqual(['survey']);
    const q = editableQuestions(how);
    q[0].rule = 'survey';
    expect(validateConsultationForm(form({ questions: q }), NOW)['q0.rule']).toBe('staff.cn.ruleNotAllowed');
  });

  it('builds a request body the server schema accepts: fen from yuan, the chosen electorate, the window', () => {
    const q = editableQuestions(how);
    q[0].options[0].costYuan = '4,800.5';
    q[0].options[0].shareYuan = '';
    const body = toCreateBody(form({ questions: q, scope: 'buildings', buildingCodes: ['B1', 'B2'] }), NOW);
    expect(CreateConsultationBody.safeParse(body).success).toBe(true);
    expect(body.electorate).toEqual({ level: 'buildings', buildingCodes: ['B1', 'B2'] });
    // The template's known Tibetan travels with the label, so Tibetan readers get it without staff typing it again.
    expect(body.questions![0].options[0]).toEqual({ id: 'plan-a', label: '方案一', labelBo: 'འཆར་གཞི་ 1', costFen: 480050 });
    expect(body.questions![0].options[1]).toMatchObject({ costFen: 120050 });
    expect(body.covenant).toEqual({ enabled: false });
    expect(body.closesAt).toBe('2026-12-20T10:00:00.000Z'); // 18:00 China time
    // As soon as the lead time allows: 15 days after now (plus a few seconds of margin).
    expect(new Date(body.opensAt).getTime() - NOW.getTime()).toBe(360 * 3600_000 + 5000);
  });

  it('opens a survey at once and a scheduled vote at the chosen time', () => {
    expect(opensAtFor(form({ kind: 'survey' }), NOW).getTime()).toBe(NOW.getTime() + 5000);
    expect(opensAtFor(form({ start: 'at' }), NOW)).toEqual(new Date('2026-12-13T02:00:00Z'));
    const entrance = toCreateBody(form({ scope: 'entrance', entranceCode: 'B1U2', covenant: true, covenantClause: '管理规约第十二条' }), NOW);
    expect(entrance.electorate).toEqual({ level: 'entrance', entranceCode: 'B1U2' });
    expect(entrance.covenant).toEqual({ enabled: true, clauseText: '管理规约第十二条' });
    expect(CreateConsultationBody.safeParse(entrance).success).toBe(true);
  });
});
