import { describe, expect, it } from '@jest/globals';
import {
  checkClaim,
  checkLabourDays,
  checkLast4,
  checkObjection,
  checkOwnerName,
  checkPledgeAmount,
  checkQuantity,
  checkRating,
  parseYuanToFen,
} from './validation';

describe('claim: the matching digits and the owner name', () => {
  it('accepts four digits, or three digits and X (ID numbers)', () => {
    expect(checkLast4('1234')).toBeNull();
    expect(checkLast4('000x')).toBeNull();
    expect(checkLast4('123X')).toBeNull();
  });
  it('refuses missing, short, long and lettered digits', () => {
    expect(checkLast4('')).toBe('claim.err.last4Missing');
    expect(checkLast4('123')).toBe('claim.err.last4');
    expect(checkLast4('12345')).toBe('claim.err.last4');
    expect(checkLast4('X123')).toBe('claim.err.last4');
    expect(checkLast4('12 4')).toBe('claim.err.last4');
  });
  it('needs a name without hidden characters, at most 40 long', () => {
    expect(checkOwnerName('  ')).toBe('claim.err.nameMissing');
    expect(checkOwnerName('扎西次仁')).toBeNull();
    expect(checkOwnerName('བཀྲ་ཤིས་ཚེ་རིང་')).toBeNull();
    expect(checkOwnerName('扎西\u200b次仁')).toBe('form.err.hiddenChars');
    expect(checkOwnerName('名'.repeat(41))).toBe('claim.err.nameTooLong');
  });
  it('asks owners for name and digits, family and tenants only for the room', () => {
    expect(checkClaim({ dwellingId: null, relation: 'owner', ownerName: '', last4: '' })).toEqual({
      dwelling: 'claim.err.dwelling',
      ownerName: 'claim.err.nameMissing',
      last4: 'claim.err.last4Missing',
    });
    expect(checkClaim({ dwellingId: 'd1', relation: 'tenant', ownerName: '', last4: '' })).toEqual({});
    expect(checkClaim({ dwellingId: 'd1', relation: 'owner', ownerName: '拉姆', last4: '9004' })).toEqual({});
  });
});

describe('pledge amounts', () => {
  it('turns yuan text into exact fen', () => {
    expect(parseYuanToFen('500')).toBe(50000);
    expect(parseYuanToFen('1,200.5')).toBe(120050);
    expect(parseYuanToFen('0.07')).toBe(7);
    expect(parseYuanToFen('19.99元')).toBe(1999);
    expect(parseYuanToFen('1.234')).toBeNull();
    expect(parseYuanToFen('-5')).toBeNull();
    expect(parseYuanToFen('abc')).toBeNull();
  });
  it('explains what is wrong with an amount', () => {
    expect(checkPledgeAmount('')).toBe('pledge.err.amountMissing');
    expect(checkPledgeAmount('12.345')).toBe('pledge.err.amountFormat');
    expect(checkPledgeAmount('0')).toBe('pledge.err.amountZero');
    expect(checkPledgeAmount('0.00')).toBe('pledge.err.amountZero');
    expect(checkPledgeAmount('100000001')).toBe('pledge.err.amountTooLarge');
    expect(checkPledgeAmount('200')).toBeNull();
  });
  it('checks material quantities and labour days like the server', () => {
    expect(checkQuantity('')).toBe('pledge.err.quantityMissing');
    expect(checkQuantity('0')).toBe('pledge.err.quantity');
    expect(checkQuantity('1.255')).toBe('pledge.err.quantity');
    expect(checkQuantity('2.5')).toBeNull();
    expect(checkLabourDays(1.5)).toBeNull();
    expect(checkLabourDays(1.25)).toBe('pledge.err.days');
    expect(checkLabourDays(0)).toBe('pledge.err.days');
    expect(checkLabourDays(366)).toBe('pledge.err.days');
  });
});

describe('objection text', () => {
  it('needs at least five characters and at most 1000, without hidden ones', () => {
    expect(checkObjection('   ')).toBe('objection.err.empty');
    expect(checkObjection('不同意')).toBe('objection.err.tooShort');
    expect(checkObjection('楼道太窄，不同意这个方案')).toBeNull();
    expect(checkObjection('ང་མོས་མཐུན་མི་བྱེད།')).toBeNull();
    expect(checkObjection('字'.repeat(1001))).toBe('objection.err.tooLong');
    expect(checkObjection('请重新考虑\u202e方案')).toBe('form.err.hiddenChars');
  });
});

describe('rating', () => {
  it('requires an overall score of 1–5; item scores and the comment are optional', () => {
    expect(checkRating({ overall: 0, items: {}, comment: '' })).toBe('rating.err.overall');
    expect(checkRating({ overall: 6, items: {}, comment: '' })).toBe('rating.err.overall');
    expect(checkRating({ overall: 4, items: {}, comment: '' })).toBeNull();
    expect(checkRating({ overall: 4, items: { a: 0 }, comment: '' })).toBe('rating.err.item');
    expect(checkRating({ overall: 5, items: { a: 3 }, comment: '很好'.repeat(251) })).toBe('rating.err.comment');
  });
});
