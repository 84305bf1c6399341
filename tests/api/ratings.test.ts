// Ratings beyond the scenario: the window, one rating per dwelling under a race, item checks, content-check failures.
import { startTestServer, type TestServer } from '../support/server';
import { startFakeWechat, type FakeWechat } from '../support/fakeWechat';
import { PNG_BYTES, upload, wechatEnv } from '../support/notices';
import { Rating } from '../../server/src/ratings/model';
import { person, seedWorld, type Person, type World } from './projects.helpers';
import { decidedHowVote } from '../support/decidedVote';

let s: TestServer;
let wx: FakeWechat;
let w: World;
let street: Person, owner: Person, family: Person, noOpenid: Person;
let P: string, item: string;
const api = (path: string, token: string, body?: unknown, method?: string) => s.api(path, { token, body, method });
const rate = (p: Person, body: object) => api(`/api/projects/${P}/ratings`, p.token, { dwellingId: w.X[2], ...body }, 'PUT');
const go = (to: string) => api(`/api/projects/${P}/transitions`, street.token, { to });

beforeAll(async () => {
  wx = await startFakeWechat();
  s = await startTestServer({ DB_PREFIX: 'ratings', ...wechatEnv(wx) });
  w = await seedWorld();
  street = await person('st', { grants: [{ role: 'street_staff', scope: 'S1' }] });
  owner = await person('owner', { dwellings: [w.X[2]] });
  family = await person('family', { dwellings: [w.X[2]], relation: 'family' });
  noOpenid = await person('paper', { dwellings: [w.X[2]], openid: false });
  P = (await api('/api/projects', street.token, { complexCode: 'X', year: 2025 })).body.id;
  await go('annual_plan');
  await go('design');
  item = (await api(`/api/projects/${P}/items`, street.token, { items: [{ category: 'basic', name: '屋面', quantity: 1, unit: '项', budgetFen: 100 }] }, 'PUT'))
    .body.items[0].id;
  await api(`/api/projects/${P}/funding`, street.token, { centralSubsidyFen: 100 }, 'PUT');
  await decidedHowVote(P);
  await go('publicity');
  await go('construction');
});
afterAll(async () => {
  await s.stop();
  await wx.stop();
});

describe('ratings', () => {
  it('are not open before the joint acceptance', async () => {
    const r = await rate(owner, { overall: 5 });
    expect([r.status, r.body.error.code]).toEqual([409, 'RATING_CLOSED']);
    await api(`/api/projects/${P}/acceptance`, street.token, { date: '2025-06-01', passed: true, participants: [{ unit: '住建局', role: '主管' }] }, 'PUT');
    const open = await api(`/api/projects/${P}/transitions`, street.token, { to: 'acceptance', ratingDays: 10 });
    const win = open.body.ratingWindow;
    expect(new Date(win.closesAt).getTime() - new Date(win.opensAt).getTime()).toBe(10 * 86_400_000);
  });

  it('two members of one household rating at once leave one rating for the dwelling', async () => {
    const [a, b] = await Promise.all([rate(owner, { overall: 5 }), rate(family, { overall: 2 })]);
    expect([a.status, b.status]).toEqual([200, 200]);
    const docs = await Rating.find({ projectId: P }).lean();
    expect(docs).toHaveLength(1);
    expect(docs[0].revision).toBe(2);
    const mine = (await api(`/api/projects/${P}/ratings/mine`, owner.token)).body;
    expect(mine.ratings).toHaveLength(1);
    expect(mine.window.open).toBe(true);
  });

  it('checks items and scores', async () => {
    expect((await rate(owner, { overall: 6 })).status).toBe(400);
    expect((await rate(owner, { overall: 4, items: [{ itemId: '0'.repeat(24), score: 3 }] })).body.error.code).toBe('ITEM_NOT_FOUND');
    expect(
      (
        await rate(owner, {
          overall: 4,
          items: [
            { itemId: item, score: 3 },
            { itemId: item, score: 4 },
          ],
        })
      ).body.error.code,
    ).toBe('ITEM_DUPLICATE');
  });

  it('a household shares its rating photo: another member may keep it when re-rating and may open it; a neighbour may not', async () => {
    const up = await upload(s, `/api/projects/${P}/ratings/photos`, owner.token, { bytes: PNG_BYTES, name: '楼道.png', type: 'image/png' });
    expect(up.status).toBe(201);
    const photo = up.body.files[0].fileId as string;
    expect((await rate(owner, { overall: 4, photoFileId: photo })).status).toBe(200);
    const kept = await rate(family, { overall: 5, photoFileId: photo });
    expect(kept.status).toBe(200);
    expect(kept.body.photoFileId ?? (await Rating.findOne({ projectId: P }).lean())!.photoFileId).toBe(photo);
    const neighbour = await person('neighbour', { dwellings: [w.X[3]] });
    const open = (p: Person) => fetch(`${s.url}/api/files/${photo}`, { headers: { authorization: `Bearer ${p.token}` } }).then((r) => r.status);
    expect(await open(family)).toBe(200);
    expect(await open(street)).toBe(200);
    expect(await open(neighbour)).toBe(404);
    // A photo of someone else's that is not on the rating yet is still refused.
    const other = await upload(s, `/api/projects/${P}/ratings/photos`, neighbour.token, { bytes: PNG_BYTES, name: 'x.png', type: 'image/png' });
    expect((await rate(family, { overall: 5, photoFileId: other.body.files[0].fileId })).body.error.code).toBe('FILE_NOT_USABLE');
  });

  it('a comment needs a WeChat content check: without an openid it is refused, a plain rating is not', async () => {
    expect((await rate(noOpenid, { overall: 3, comment: '很好' })).body.error.code).toBe('CONTENT_CHECK_UNAVAILABLE');
    expect((await rate(noOpenid, { overall: 3 })).status).toBe(200);
    // The app learns this from /api/me before the resident types anything, so it can leave the comment box out.
    const me = (p: Person) => fetch(`${s.url}/api/me`, { headers: { authorization: `Bearer ${p.token}` } }).then((r) => r.json());
    expect((await me(noOpenid)).publicText).toBe(false);
    expect((await me(owner)).publicText).toBe(true);
  });

  it('when WeChat cannot answer, the comment is not stored (fail closed)', async () => {
    await wx.stop();
    const r = await rate(owner, { overall: 4, comment: '施工队很负责' });
    expect(r.status).toBeGreaterThanOrEqual(500);
    expect(r.body.error.code).toMatch(/WECHAT_/);
    expect((await Rating.findOne({ projectId: P }).lean())!.comment).toBeNull();
  });
});
