// Separation-of-duties policy functions, as a role × relation table (the HTTP matrix is tests/api/authz.duties.test.ts).
import type { AuthUser } from '../platform/http/route';
import { canAnswerAlert, canRevealOwner, canRevokeBinding, claimDecisionBlock, proxyDecisionBlock } from './policy';

const PATH = ['54', '5401', '540102', 'S', 'C', 'Q', 'QB1', 'QB1U1'];
const committee = (id: string, scope = 'Q'): AuthUser => ({ id, grants: [{ role: 'committee', scope }] });
const claim = { userId: 'u-claimant', dwellingId: 'd1', areaPath: PATH };
const proxy = { proxyUserId: 'u-proxy', registeredBy: 'u-registrant', dwellingId: 'd1', areaPath: PATH };

describe('claimDecisionBlock', () => {
  it.each([
    ['a reviewer with no part in it', null, committee('u-x'), []],
    ['the claimant', 'DECISION_SELF', committee('u-claimant'), []],
    ['a reviewer bound to the dwelling', 'DECISION_BOUND', committee('u-x'), ['d1']],
    ['a reviewer bound elsewhere', null, committee('u-x'), ['d2']],
    ['a committee member of another complex', 'NOT_FOUND', committee('u-x', 'Q2'), []],
    ['a resident', 'NOT_FOUND', { id: 'u-x', grants: [] }, []],
  ] as const)('%s → %s', (_who, expected, user, bound) => {
    expect(claimDecisionBlock(user as AuthUser, claim, [...bound])).toBe(expected);
  });
});

describe('proxyDecisionBlock', () => {
  it.each([
    ['a second staff member', null, committee('u-x'), []],
    ['the registrant (staff or owner)', 'DECISION_REGISTRANT', committee('u-registrant'), []],
    ['the proxy', 'DECISION_SELF', committee('u-proxy'), []],
    ['an owner/tenant/proxy of the dwelling', 'DECISION_BOUND', committee('u-x'), ['d1']],
    ['out of scope', 'NOT_FOUND', committee('u-x', 'Q2'), []],
  ] as const)('%s → %s', (_who, expected, user, bound) => {
    expect(proxyDecisionBlock(user as AuthUser, proxy, [...bound])).toBe(expected);
  });
});

it('revoking a binding: the holder always; a reviewer only when not bound to that dwelling', () => {
  const b = { userId: 'u-holder', dwellingId: 'd1', areaPath: PATH };
  expect(canRevokeBinding({ id: 'u-holder', grants: [] }, b)).toBe(true);
  expect(canRevokeBinding(committee('u-x'), b, [])).toBe(true);
  expect(canRevokeBinding(committee('u-x'), b, ['d1'])).toBe(false);
  expect(canRevokeBinding({ id: 'u-x', grants: [] }, b)).toBe(false);
});

it('revealing an owner: roster readers in scope only; alerts: only their owner, while still an owner', () => {
  expect(canRevealOwner(committee('u-x'), PATH)).toBe(true);
  expect(canRevealOwner(committee('u-x', 'Q2'), PATH)).toBe(false);
  expect(canRevealOwner({ id: 'u-x', grants: [] }, PATH)).toBe(false);
  expect(canAnswerAlert({ id: 'u-o', grants: [] }, { userId: 'u-o' }, true)).toBe(true);
  expect(canAnswerAlert({ id: 'u-o', grants: [] }, { userId: 'u-o' }, false)).toBe(false);
  expect(canAnswerAlert({ id: 'u-x', grants: [] }, { userId: 'u-o' }, true)).toBe(false);
});
