import { describe, expect, it } from '@jest/globals';
import { amendBody, amendFormOf, htmlToText, reasonText, reasonTextBo, validateAmend } from './noticeAmend';
import { textToHtml } from './noticeForm';

const notice = { title: '停水通知', body: '<p>周三停水</p><p>9 &lt; 12 点</p>', titleBo: null, bodyBo: null };

describe('notice amendment', () => {
  it('edits the stored rich text as lines and writes it back the same way', () => {
    expect(htmlToText(notice.body)).toBe('周三停水\n9 < 12 点');
    expect(textToHtml(htmlToText(notice.body))).toBe(notice.body);
    expect(htmlToText('系统公告\n第二行')).toBe('系统公告\n第二行');
  });

  it('sends only what changed, with the reason in Chinese and, where it is known, in Tibetan', () => {
    // A Chinese detail without its Tibetan: no Tibetan reason, so Tibetan readers see the whole Chinese one, marked.
    const f = { ...amendFormOf(notice), body: '周四停水\n9 < 12 点', detail: '日期写错' };
    expect(amendBody(f, notice)).toEqual({ reason: '更正错别字：日期写错', body: '<p>周四停水</p><p>9 &lt; 12 点</p>' });
    expect(amendBody({ ...f, detailBo: 'ཚེས་གྲངས་ནོར།' }, notice)).toMatchObject({ reason: '更正错别字：日期写错', reasonBo: 'ཡིག་ནོར་བཅོས་པ། ཚེས་གྲངས་ནོར།' });
    // A picked reason alone is translated.
    expect(amendBody({ ...amendFormOf(notice), titleBo: 'ཆུ།', bodyBo: 'ཆུ་བཀག' }, notice)).toEqual({
      reason: '更正错别字',
      reasonBo: 'ཡིག་ནོར་བཅོས་པ།',
      titleBo: 'ཆུ།',
      bodyBo: '<p>ཆུ་བཀག</p>',
    });
  });

  it('refuses an unchanged notice, a half Tibetan version and "other" without a reason', () => {
    expect(validateAmend(amendFormOf(notice), notice)).toEqual({ body: 'staff.nt.noChange' });
    expect(validateAmend({ ...amendFormOf(notice), titleBo: 'ཆུ།' }, notice)).toEqual({ bodyBo: 'staff.nt.boPair' });
    expect(validateAmend({ ...amendFormOf(notice), title: '停水', reason: 'staff.nt.reason.other' }, notice)).toEqual({ detail: 'staff.form.required' });
    expect(reasonText('staff.nt.reason.other', '  楼号更正 ')).toBe('楼号更正');
  });

  it('gives Tibetan readers the withdrawal reason in Tibetan, or nothing (the marked Chinese) when only Chinese detail was typed', () => {
    const picked = 'staff.nt.withdrawReason.duplicate';
    expect(reasonTextBo(picked, '', '')).not.toMatch(/[\u3400-\u9fff]/);
    expect(reasonTextBo(picked, '', '')).toBeTruthy();
    expect(reasonTextBo(picked, '', 'ཐེངས་གཉིས་བཏང་།')).toMatch(/ཐེངས་གཉིས་བཏང་།$/);
    expect(reasonTextBo(picked, '发了两次', '')).toBeNull();
    expect(reasonTextBo('staff.nt.reason.other', '楼号更正', '')).toBeNull();
    expect(reasonTextBo('staff.nt.reason.other', '楼号更正', ' ཐོག་ཨང་བཅོས། ')).toBe('ཐོག་ཨང་བཅོས།');
  });
});
