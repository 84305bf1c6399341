import { ballotEntryHash, noticeAnchorLine, parseNoticeAnchor, privateBodyDigest, splitBody } from './ballotLog';

const link = {
  consultationId: 'c1',
  seq: 2,
  prevHash: '0'.repeat(64),
  body: { type: 'cast', dwellingId: 'd1', answers: [{ questionId: 'q', choice: 'approve' }], actorId: 'u1', castId: 'k1' },
};

describe('salted (v2) entry hash', () => {
  it('verifies from the published form (public body + private digest) exactly as from the stored entry', () => {
    const stored = ballotEntryHash({ ...link, salt: 's1' });
    const { publicBody, privateBody } = splitBody(link.body);
    expect(publicBody).not.toHaveProperty('actorId');
    expect(ballotEntryHash({ ...link, body: publicBody, privateDigest: privateBodyDigest('s1', privateBody) })).toBe(stored);
  });

  it('changes when a private member or a choice changes, and differs from the unsalted v1 hash', () => {
    const stored = ballotEntryHash({ ...link, salt: 's1' });
    expect(ballotEntryHash({ ...link, salt: 's1', body: { ...link.body, actorId: 'u2' } })).not.toBe(stored);
    expect(ballotEntryHash({ ...link, salt: 's1', body: { ...link.body, answers: [{ questionId: 'q', choice: 'reject' }] } })).not.toBe(stored);
    expect(ballotEntryHash(link)).not.toBe(stored);
  });
});

it('reads back the head printed in a notice', () => {
  const head = { seq: 12, hash: 'ab'.repeat(32) };
  expect(parseNoticeAnchor(`正文\n【如何核验 / verification】\n${noticeAnchorLine(head)}\n核验页面`)).toEqual(head);
  expect(parseNoticeAnchor('没有哈希的正文')).toBeNull();
});
