import { describe, expect, it } from '@jest/globals';
import { CreateNoticeBody } from '@gongzhi/shared';
import { noticeBodyView, textToHtml, toNoticeBody, validateNoticeForm, type NoticeForm } from './noticeForm';

const base: NoticeForm = {
  kind: 'general',
  audienceCode: '540102001',
  buildingCodes: [],
  title: '停水通知',
  body: '明天停水\n请提前储水',
  titleBo: '',
  bodyBo: '',
  attachmentIds: [],
  pinned: false,
  displayDays: 7,
};

describe('notice form', () => {
  it('turns typed lines into escaped paragraphs', () => {
    expect(textToHtml('第一行\n\n <b>第二行</b> & "引号"\r\n')).toBe('<p>第一行</p><p>&lt;b&gt;第二行&lt;/b&gt; &amp; &quot;引号&quot;</p>');
    expect(textToHtml('   ')).toBe('');
  });

  it('needs a title, a body and an audience; Tibetan title and body go together', () => {
    expect(validateNoticeForm(base, 7)).toEqual({});
    expect(validateNoticeForm({ ...base, title: ' ', body: '', audienceCode: '' }, 7)).toEqual({
      title: 'staff.form.required',
      body: 'staff.form.required',
      audience: 'staff.nt.pickAudience',
    });
    expect(validateNoticeForm({ ...base, titleBo: 'ཆུ་བཀག' }, 7)).toEqual({ bodyBo: 'staff.nt.boPair' });
    expect(validateNoticeForm({ ...base, bodyBo: 'ཆུ་བཀག' }, 7)).toEqual({ titleBo: 'staff.nt.boPair' });
  });

  it('holds plan publicity to the minimum display period', () => {
    expect(validateNoticeForm({ ...base, kind: 'plan_publicity', displayDays: 5 }, 7).displayDays).toBe('staff.nt.daysTooShort');
    expect(validateNoticeForm({ ...base, kind: 'plan_publicity', displayDays: 7 }, 7)).toEqual({});
    expect(validateNoticeForm({ ...base, kind: 'fund_publicity', displayDays: 5 }, 7)).toEqual({});
  });

  it('builds a body the server schema accepts, with buildings instead of the area when picked', () => {
    const body = toNoticeBody({
      ...base,
      titleBo: 'ཆུ་བཀག་བརྡ་ཐོ།',
      bodyBo: 'སང་ཉིན་ཆུ་བཀག',
      buildingCodes: ['Q-B1', 'Q-B2'],
      attachmentIds: ['6b09c0d9eaf1efb22208e550'],
      kind: 'plan_publicity',
      displayDays: 10,
    });
    expect(CreateNoticeBody.safeParse(body).success).toBe(true);
    expect(body).toMatchObject({
      audience: { type: 'buildings', codes: ['Q-B1', 'Q-B2'] },
      body: '<p>明天停水</p><p>请提前储水</p>',
      bodyBo: '<p>སང་ཉིན་ཆུ་བཀག</p>',
      displayDays: 10,
    });
    const plain = toNoticeBody(base);
    expect(plain).not.toHaveProperty('titleBo');
    expect(plain).not.toHaveProperty('displayDays');
    expect(plain.audience).toEqual({ type: 'area', code: '540102001' });
  });
});

describe('notice body view', () => {
  it('keeps rich text as is and splits a plain system notice into lines, folding repeated blank lines', () => {
    expect(noticeBodyView('<p>停水</p>')).toEqual({ html: '<p>停水</p>' });
    expect(noticeBodyView('事项1：是否改造 【未通过】\n总面积 3877.52㎡\n\n\n投票日志共 6 条')).toEqual({
      lines: ['事项1：是否改造 【未通过】', '总面积 3877.52㎡', '', '投票日志共 6 条'],
    });
  });
});
