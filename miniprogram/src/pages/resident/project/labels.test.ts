import { describe, expect, it } from '@jest/globals';
import { t, type MessageKey } from '../../../i18n';
import { ledgerRow, pledgeWhat } from './labels';

const bo = (key: MessageKey, vars?: Record<string, string | number>) => t(key, vars, 'bo');
const zh = (key: MessageKey, vars?: Record<string, string | number>) => t(key, vars, 'zh');
const HAN = /[\u3400-\u9fff]/;

// The public ledger and my pledges come from the server in Chinese words; a Tibetan reader must not meet them.
describe('pledge words for a Tibetan reader', () => {
  it('a ledger row of money, materials or labour has no Chinese left in Tibetan, and reads the same in Chinese', () => {
    const rows = [
      { kindLabel: '资金', what: '资金', statusLabel: '已认捐', dwellingLabel: '2栋2单元102' },
      { kindLabel: '物资', what: '水泥 2吨', statusLabel: '已确认收到', dwellingLabel: '1栋1单元301' },
      { kindLabel: '投工投劳', what: '泥瓦工 1.5 天', statusLabel: '已兑现', dwellingLabel: '3栋1单元502' },
    ];
    for (const r of rows) {
      const shown = ledgerRow(bo, r);
      expect([r.what, HAN.test(`${shown.what}${shown.status}${shown.dwelling}`)]).toEqual([r.what, false]);
    }
    expect(ledgerRow(bo, rows[1])).toEqual({
      what: `${bo('pledge.material.cement')} 2${bo('pledge.unit.ton')}`,
      status: bo('pledge.status.confirmed'),
      dwelling: 'ཐོག་ཁང་ 1 སྒོ་ཚན་ 1 ཁང་མིག་ 301',
    });
    expect(ledgerRow(zh, rows[0])).toEqual({ what: '出钱', status: '已认捐', dwelling: '2栋 2单元 102室' }); // the form's own word
  });

  it('my labour pledge names its skill in Tibetan', () => {
    const what = pledgeWhat(bo, { kind: 'labour', amountFen: null, material: null, labour: { days: 2, skill: '泥瓦工' } });
    expect(what).toContain(bo('pledge.skill.mason'));
    expect(what).not.toMatch(HAN);
  });
});
