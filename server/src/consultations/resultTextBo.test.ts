import { Types } from 'mongoose';
import { tallyConsultation, type ConsultationResult } from '@gongzhi/shared';
import type { ConsultationDoc } from './model';
import { meetingNoticeText, resultNoticeText } from './resultText';
import { meetingNoticeTextBo, resultNoticeTextBo } from './resultTextBo';
import { CONSULTATION_TEMPLATES, templateFor } from './templates';

const HAN_OUTSIDE_PARENS = (s: string) => s.replace(/（[^（）]*）|《[^《》]*》/g, '').match(/[\u4E00-\u9FFF]/g) ?? [];

function consultation(kind: 'whether' | 'what', patch: Partial<ConsultationDoc> = {}): ConsultationDoc {
  return {
    _id: new Types.ObjectId(),
    kind,
    title: '幸福小区改造表决',
    description: templateFor(kind).description,
    complexCode: 'C-1',
    areaPath: ['R', 'C-1'],
    scope: { level: 'complex', buildingCodes: [], entranceCode: null },
    questions: templateFor(kind).questions,
    allowChange: true,
    covenant: { enabled: false, clauseText: null },
    leadTimeHours: 0,
    opensAt: new Date('2026-11-01T01:00:00Z'),
    closesAt: new Date('2026-11-10T10:30:00Z'),
    status: 'closed',
    projectId: null,
    createdBy: 'u1',
    scheduledAt: null,
    openedAt: null,
    closedAt: new Date('2026-11-10T10:30:00Z'),
    closeReason: 'deadline',
    closedBy: 'u1',
    announcedAt: null,
    noticeIds: { meeting: null, result: null },
    electorate: { frozenAt: new Date(), dwellings: 3, totalAreaHundredths: 26520, totalHeadcount: 3, digest: 'abc123' },
    result: null,
    createdAt: new Date(),
    updatedAt: new Date(),
    ...patch,
  };
}

const electorate = [
  { dwellingId: 'd1', areaHundredths: 8520, headcountKey: 'p1' },
  { dwellingId: 'd2', areaHundredths: 9000, headcountKey: 'p2' },
  { dwellingId: 'd3', areaHundredths: 9000, headcountKey: 'p3' },
];

function resultOf(c: ConsultationDoc, ballots: Parameters<typeof tallyConsultation>[0]['ballots']): ConsultationResult {
  const questions = tallyConsultation({ questions: c.questions.map((q) => ({ ...q, options: q.options ?? [] })), electorate, ballots });
  return {
    computedAt: new Date().toISOString(),
    finalHead: { seq: 7, hash: 'f'.repeat(64) },
    ballots: new Set(ballots.map((b) => b.dwellingId)).size,
    unresolvedConflicts: 0,
    deliveredDwellingIds: null,
    questions,
  };
}

describe('结果公告 in zh and bo', () => {
  it('states the same verdict and arithmetic in both languages', () => {
    const c = consultation('whether');
    const result = resultOf(c, [
      { questionId: 'renovate', dwellingId: 'd1', answer: { questionId: 'renovate', choice: 'approve' } },
      { questionId: 'renovate', dwellingId: 'd2', answer: { questionId: 'renovate', choice: 'approve' } },
      { questionId: 'renovate', dwellingId: 'd3', answer: { questionId: 'renovate', choice: 'reject' } },
    ]);
    const zh = resultNoticeText(c, result);
    const bo = resultNoticeTextBo(c, result);
    expect(zh.body).toContain('事项1：是否同意对本小区实施老旧小区改造 【未通过】');
    expect(zh.body).toContain('同意的专有部分面积 175.20㎡ 未达参与表决面积 265.20㎡ 的四分之三（需至少 198.90㎡）');
    expect(bo.title).toBe('གྲུབ་འབྲས་གསལ་བསྒྲགས། 幸福小区改造表决');
    expect(bo.body).toContain('དོན་ཚན་ 1། ཁྱིམ་ཁུལ་འདིར་ཁྱིམ་ཁུལ་རྙིང་པའི་བཅོས་སྒྱུར（老旧小区改造）ལག་བསྟར་བྱེད་པར་མོས་མཐུན་ཡོད་དམ། 【གྲོས་ཆོད་མ་བྱུང་】');
    expect(bo.body).toContain('མོས་མཐུན་གྱི་རྒྱ་ཁྱོན་ 175.20㎡། ཞུགས་པའི་རྒྱ་ཁྱོན་ 265.20㎡ ཡི་བཞི་ཆ་གསུམ（3/4）ཡན་ལ་མ་སླེབས།（ཉུང་མཐའ་ 198.90㎡ དགོས།）');
    expect(bo.body).toContain('འོས་ཤོག་འཕེན་དུས། 2026-11-01 09:00 ནས་ 2026-11-10 18:30 བར');
    // The hash sits only in the separate verification block, in both languages (issue 15).
    const [boMain, boVerify] = bo.body.split('【ར་སྤྲོད་བྱེད་ཐབས། / verification】');
    expect(boMain).not.toContain('f'.repeat(64));
    expect(boVerify).toContain(`མཐའ་མའི་ཧ་ཤི ${'f'.repeat(64)}`);
    const [zhMain, zhVerify] = zh.body.split('【如何核验 / verification】');
    expect(zhMain).not.toMatch(/[0-9a-f]{64}/);
    expect(zhVerify).toContain(`最终哈希 ${'f'.repeat(64)}`);
    // The committee's title is theirs; everything the system wrote is Tibetan.
    const lines = bo.body.split('\n').filter((l) => l);
    expect(lines.length).toBeGreaterThan(8);
    lines.forEach((l) => expect(HAN_OUTSIDE_PARENS(l)).toEqual([]));
  });

  it('gives each item of 改什么 and the ranking survey in Tibetan', () => {
    const c = consultation('what');
    const result = resultOf(c, [
      {
        questionId: 'items',
        dwellingId: 'd1',
        answer: {
          questionId: 'items',
          items: [
            { itemId: 'roof', choice: 'approve' },
            { itemId: 'elevator', choice: 'reject' },
          ],
        },
      },
      { questionId: 'items', dwellingId: 'd2', answer: { questionId: 'items', items: [{ itemId: 'roof', choice: 'approve' }] } },
      { questionId: 'priority', dwellingId: 'd1', answer: { questionId: 'priority', picks: ['elevator', 'roof'] } },
    ]);
    const bo = resultNoticeTextBo(c, result).body;
    expect(resultNoticeText(c, result).body).toContain('◆ 屋面防水修缮：未通过');
    expect(bo).toContain('◆ ཁང་ཐོག་ཆུ་འགོག་ཉམས་གསོ། གྲོས་ཆོད་མ་བྱུང་།');
    expect(bo).toContain('གོ་རིམ་ 1 པ「འདེགས་འཁོར་ཁ་སྣོན」། བདམས་ཐེངས་ 1། ཐོག་མར་བདམས་ཐེངས་ 1། སྐར་མ་ 3');
    expect(bo).toContain('ནུས་ལྡན་དྲི་ཤོག ཁྱིམ་ཚང་ 1');
    bo.split('\n').forEach((l) => expect(HAN_OUTSIDE_PARENS(l)).toEqual([]));
  });

  it('keeps an edited question in the committee’s Chinese', () => {
    const base = consultation('whether');
    const c = consultation('whether', { questions: [{ ...base.questions[0], title: '是否同意加装东侧坡道' }] });
    const result = resultOf(c, [{ questionId: 'renovate', dwellingId: 'd1', answer: { questionId: 'renovate', choice: 'approve' } }]);
    expect(resultNoticeTextBo(c, result).body).toContain('དོན་ཚན་ 1། 是否同意加装东侧坡道 【གྲོས་ཆོད་མ་བྱུང་】');
  });

  it('reads an early close for a reason picked from the list, and a question the committee also wrote in Tibetan, in Tibetan', () => {
    const base = consultation('whether');
    const q = { ...base.questions[0], title: '是否同意加装东侧坡道', titleBo: 'ཤར་ཕྱོགས་སུ་འཛེགས་ལམ་ཁ་སྣོན་བྱེད་པར་མོས་མཐུན་ཡོད་དམ།' };
    const c = consultation('whether', { questions: [q], closeKind: 'early', closeReason: '业主大会决定提前结束' });
    const result = resultOf(c, [{ questionId: 'renovate', dwellingId: 'd1', answer: { questionId: 'renovate', choice: 'approve' } }]);
    const bo = resultNoticeTextBo(c, result, { 'C-1': 'བདེ་སྐྱིད་ཁྱིམ་ཁུལ།' }).body;
    expect(bo).toContain(`དོན་ཚན་ 1། ${q.titleBo}`);
    expect(bo).toContain('ཁྱིམ་བདག་ཚོགས་ཆེན་གྱིས་སྔོན་ཚུད་མཇུག་སྡོམ་རྒྱུའི་ཐག་བཅད།');
    bo.split('\n').forEach((l) => expect(HAN_OUTSIDE_PARENS(l)).toEqual([]));
  });
});

describe('表决通知 and templates in bo', () => {
  it('lists the template questions and options in Tibetan', () => {
    const c = consultation('what', { allowChange: false, covenant: { enabled: true, clauseText: '送达未回票按多数计' } });
    const zh = meetingNoticeText(c);
    const bo = meetingNoticeTextBo(c);
    expect(zh.body).toContain('投票后不能修改。');
    expect(bo.title).toBe('འོས་ཤོག་གི་བརྡ་ཐོ། 幸福小区改造表决');
    expect(bo.body).toContain('འོས་ཤོག་བཏང་རྗེས་བཟོ་བཅོས་བྱེད་མི་ཆོག');
    expect(bo.body).toContain(
      'དོན་ཚན་ 1། གཤམ་གྱི་བཅོས་སྒྱུར་ལས་གཞི་རེ་རེར་འོས་ཤོག་གིས་ཐག་གཅོད་གནང་རོགས།（ཁང་ཐོག་ཆུ་འགོག་ཉམས་གསོ། ཆུ་མཁོ་སྤྲོད་དང་ཆུ་བཙོག་ཕྱིར་གཏོང་གི་དོང་ལམ་བཅོས་སྒྱུར། འདེགས་འཁོར་ཁ་སྣོན།',
    );
    expect(bo.body).toContain('送达未回票按多数计');
  });

  it('has a Tibetan name, description and every question and option text for all five templates', () => {
    expect(CONSULTATION_TEMPLATES).toHaveLength(5);
    for (const t of CONSULTATION_TEMPLATES) {
      expect(t.labelBo).toMatch(/[\u0F00-\u0FFF]/);
      expect(t.descriptionBo).toMatch(/[\u0F00-\u0FFF]/);
      const c = consultation('whether', { kind: t.kind, questions: t.questions, description: t.description });
      meetingNoticeTextBo(c)
        .body.split('\n')
        .forEach((l) => expect(HAN_OUTSIDE_PARENS(l)).toEqual([]));
    }
  });
});
