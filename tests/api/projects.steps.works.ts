// Scenario part 2: pledges, works progress, joint acceptance and satisfaction ratings of complex X.
import type { TestServer } from '../support/server';
import type { FakeWechat } from '../support/fakeWechat';
import { api, S } from './projects.scenario.ctx';
import { connectClient, PNG_BYTES, upload, waitFor } from '../support/notices';
import { fetchBinary, readXlsx, rowOf, type Person, type World } from './projects.helpers';
import type { Json } from '../support/json';

export function worksSteps() {
  let s: TestServer,
    wx: FakeWechat,
    w: World,
    street: Person,
    committee: Person,
    county: Person,
    r1: Person,
    r3: Person,
    r4: Person,
    tenant5: Person,
    r6: Person,
    ry: Person;
  beforeAll(() => {
    ({ s, wx, w } = S);
    ({ street, committee, county, r1, r3, r4, tenant5, r6, ry } = S.p);
  });
  describe('pledges (认捐) through their lifecycle', () => {
    const pledge = (p: Person, body: object) => api(`/api/projects/${S.A}/pledges`, p.token, body);
    const step = (p: Person, id: string, what: string, body: object = {}) => api(`/api/pledges/${id}/${what}`, p.token, body);
    let m3: string, m4: string, m6: string;

    it('residents pledge money, materials or labour for their own dwelling only', async () => {
      const a = await pledge(r3, { kind: 'money', dwellingId: w.X[2], amountFen: 500_000 });
      expect(a.status).toBe(201);
      expect(a.body).toMatchObject({ status: 'pledged', statusLabel: '已认捐', amountFen: 500_000, pledger: '张三丰' });
      m3 = a.body.id;
      m4 = (await pledge(r4, { kind: 'money', dwellingId: w.X[3], amountFen: 300_000 })).body.id;
      m6 = (await pledge(r6, { kind: 'money', dwellingId: w.X[5], amountFen: 200_000 })).body.id;
      expect((await pledge(r6, { kind: 'materials', dwellingId: w.X[5], material: { item: '水泥', quantity: 20, unit: '袋' } })).status).toBe(201);
      const lab = await pledge(r4, { kind: 'labour', dwellingId: w.X[3], labour: { days: 2.5, skill: '电工' } });
      expect(lab.body.labour).toEqual({ days: 2.5, skill: '电工' });
      const own = await pledge(r6, { kind: 'money', dwellingId: w.X[5], amountFen: 100_000 });
      expect((await step(r6, own.body.id, 'cancel', { reason: '填错金额' })).body).toMatchObject({ status: 'cancelled', cancelReason: '填错金额' });
      const notMine = await pledge(r3, { kind: 'money', dwellingId: w.X[3], amountFen: 1 });
      expect([notMine.status, notMine.body.error.code]).toEqual([403, 'NOT_BOUND_TO_DWELLING']);
      expect((await pledge(ry, { kind: 'money', dwellingId: w.Y[0], amountFen: 1 })).status).toBe(404);
    });

    it('the committee confirms on receipt, then marks fulfilled; cancelling needs a reason; every step is kept', async () => {
      expect((await step(r3, m3, 'confirm')).status).toBe(403);
      expect((await step(committee, m3, 'fulfil')).status).toBe(409);
      await step(committee, m3, 'confirm', { note: '已收到转账' });
      const f = await step(committee, m3, 'fulfil');
      expect(f.body.history.map((h: Json) => `${h.from}→${h.to}`)).toEqual(['null→pledged', 'pledged→confirmed', 'confirmed→fulfilled']);
      await step(committee, m4, 'confirm');
      await step(committee, m6, 'confirm');
      expect((await step(committee, m6, 'cancel', {})).status).toBe(400);
      expect((await step(committee, m6, 'cancel', { reason: '住户要求退回，改为投工' })).body.status).toBe('cancelled');
      expect((await step(committee, m3, 'cancel', { reason: '已兑现不能取消' })).status).toBe(409);
      const labour = (await api(`/api/projects/${S.A}/pledges`, committee.token)).body.pledges.find((p: Json) => p.kind === 'labour');
      await step(committee, labour.id, 'confirm');
      await step(committee, labour.id, 'fulfil');
      expect((await api(`/api/projects/${S.A}/pledges`, r3.token)).body.pledges).toHaveLength(1); // residents see their own
    });

    it('the public ledger totals by kind and shows progress against the residents share, names masked', async () => {
      const l = (await api(`/api/projects/${S.A}/ledger`, r1.token)).body;
      // Active money: 500,000 (fulfilled) + 300,000 (confirmed) = 800,000; received = the same; share 12,000,000 → 6.67%.
      expect(l.active).toMatchObject({
        moneyFen: 800_000,
        moneyCount: 2,
        labourDays: 2.5,
        labourCount: 1,
        materials: [{ item: '水泥', unit: '袋', quantity: 20, count: 1 }],
      });
      expect(l).toMatchObject({ residentsShareFen: 12_000_000, receivedFen: 800_000, progressPercent: '6.67' });
      expect(l.byStatus.find((b: Json) => b.status === 'cancelled').totals.moneyFen).toBe(300_000);
      expect(l.entries.map((e: Json) => e.pledger).sort()).toEqual(['张**', '扎***', '李*', '李*'].sort());
      expect(JSON.stringify(l)).not.toContain('张三丰');
    });

    it('the committee exports the pledges to XLSX with the same numbers', async () => {
      expect((await fetchBinary(s, `/api/projects/${S.A}/pledges/export.xlsx`, r3.token)).status).toBe(403);
      const x = await fetchBinary(s, `/api/projects/${S.A}/pledges/export.xlsx`, committee.token);
      expect(x.type).toContain('spreadsheetml');
      const book = await readXlsx(x.buf);
      const detail = book['认捐明细'];
      expect(rowOf(detail, 1, '张三丰')).toEqual(expect.arrayContaining(['资金', 5000, 500_000, '已兑现']));
      expect(rowOf(book['汇总'], 0, '有效合计')).toEqual(expect.arrayContaining([800_000, 8000, 2, 2.5, 1, '水泥 20袋']));
    });
  });

  describe('施工, joint acceptance and satisfaction ratings', () => {
    it('progress updates carry photos and a percentage per item', async () => {
      const up = await upload(s, `/api/projects/${S.A}/files`, committee.token, { bytes: PNG_BYTES, name: '现场.png', type: 'image/png' });
      expect(up.status).toBe(201);
      const photo = up.body.files[0].fileId;
      const live = await connectClient(s, r1.token, [`project:${S.A}`]);
      const peek = await connectClient(s, ry.token, [`project:${S.A}`]);
      expect([live.joins, peek.joins]).toEqual([[true], [false]]);
      const r = await api(`/api/projects/${S.A}/progress`, committee.token, {
        note: '屋面完成六成',
        photoFileIds: [photo],
        items: [
          { itemId: S.items[0].id, percent: 60 },
          { itemId: S.items[1].id, percent: 30 },
        ],
      });
      expect(r.status).toBe(201);
      const pushed = await waitFor(() => live.events.find((e) => e.event === 'project:updated'), 'the progress push');
      expect(pushed.payload.items.map((i: Json) => i.percent)).toEqual([60, 30, 0]);
      live.close();
      peek.close();
      expect((await api(`/api/projects/${S.A}/progress`, r3.token, { items: [{ itemId: S.items[0].id, percent: 1 }] })).status).toBe(403);
      expect((await api(`/api/projects/${S.A}/progress`, street.token, { photoFileIds: [photo], items: [{ itemId: S.items[0].id, percent: 1 }] })).status).toBe(
        422,
      );
      await api(`/api/projects/${S.A}/progress`, committee.token, { note: '全部完工', items: S.items.map((i) => ({ itemId: i.id, percent: 100 })) });
      const feed = await api(`/api/projects/${S.A}/progress`, r1.token);
      expect(feed.body.updates.map((u: Json) => u.note)).toEqual(['全部完工', '屋面完成六成']);
      expect(feed.body.updates[1].photoFileIds).toEqual([photo]);
    });

    it('acceptance needs the joint acceptance record; entering it opens the ratings', async () => {
      const early = await api(`/api/projects/${S.A}/transitions`, street.token, { to: 'acceptance' });
      expect(early.body.error.details.problems).toEqual(['须先录入联合验收记录']);
      const rec = await api(
        `/api/projects/${S.A}/acceptance`,
        street.token,
        {
          date: '2025-10-20',
          passed: true,
          note: '联合验收合格',
          participants: [
            { unit: 'K1县住建局', role: '主管部门' },
            { unit: '某监理公司', role: '监理' },
            { unit: 'X小区业委会', role: '居民代表' },
          ],
          items: S.items.map((i) => ({ itemId: i.id, accepted: true })),
        },
        'PUT',
      );
      expect(rec.body.acceptance).toMatchObject({ passed: true, recordedBy: street.id });
      const r = await api(`/api/projects/${S.A}/transitions`, street.token, { to: 'acceptance' });
      expect(r.body.ratingWindow.open).toBe(true);
      expect(r.body.noticeIds).toHaveLength(2); // 方案公示 and 验收公示
    });

    it('each dwelling rates overall and each item 1–5; comments are content-checked; a re-rating replaces the old one', async () => {
      const rate = (p: Person, body: object) => api(`/api/projects/${S.A}/ratings`, p.token, body, 'PUT');
      const ok = await rate(r3, {
        dwellingId: w.X[2],
        overall: 5,
        items: [
          { itemId: S.items[0].id, score: 5 },
          { itemId: S.items[1].id, score: 4 },
          { itemId: S.items[2].id, score: 5 },
        ],
        comment: '电梯很方便',
      });
      expect(ok.status).toBe(200);
      expect(wx.secChecks.at(-1)).toMatchObject({ content: '电梯很方便', scene: 2 });
      await rate(r4, { dwellingId: w.X[3], overall: 4 });
      const again = await rate(r4, {
        dwellingId: w.X[3],
        overall: 3,
        items: [
          { itemId: S.items[0].id, score: 3 },
          { itemId: S.items[1].id, score: 3 },
          { itemId: S.items[2].id, score: 2 },
        ],
      });
      expect(again.body.revision).toBe(2);
      const photo = await upload(s, `/api/projects/${S.A}/ratings/photos`, tenant5.token, { bytes: PNG_BYTES, name: 'a.png', type: 'image/png' });
      expect((await rate(tenant5, { dwellingId: w.X[4], overall: 4, photoFileId: photo.body.files[0].fileId })).body.photoFileId).toBe(
        photo.body.files[0].fileId,
      );
      await rate(r6, { dwellingId: w.X[5], overall: 5 });
      const banned = await rate(r1, { dwellingId: w.X[0], overall: 1, comment: '这里有赌博' });
      expect([banned.status, banned.body.error.code]).toEqual([422, 'CONTENT_REJECTED']);
      expect((await rate(r3, { dwellingId: w.X[3], overall: 1 })).status).toBe(403);
      expect((await rate(ry, { dwellingId: w.Y[0], overall: 1 })).status).toBe(404);
    });

    it('aggregates give the distribution, not only the mean', async () => {
      const sum = (await api(`/api/projects/${S.A}/ratings/summary`, r1.token)).body;
      // Overall 5, 3, 4, 5: counts [0,0,1,1,2], sum 17, mean 4.25.
      expect(sum.overall).toEqual({ counts: [0, 0, 1, 1, 2], sum: 17, count: 4, mean: 4.25 });
      expect(sum.items.map((i: Json) => [i.name, i.counts, i.mean])).toEqual([
        ['屋面防水', [0, 0, 1, 0, 1], 4],
        ['加装电梯', [0, 0, 1, 1, 0], 3.5],
        ['雨污管网改造', [0, 1, 0, 0, 1], 3.5],
      ]);
      expect(sum.comments).toEqual([expect.objectContaining({ comment: '电梯很方便', overall: 5 })]);
      const x = await readXlsx((await fetchBinary(s, `/api/projects/${S.A}/ratings/export.xlsx`, county.token)).buf);
      expect(rowOf(x['满意度汇总'], 0, '总体')).toEqual(['总体', 0, 0, 1, 1, 2, 4, 17, 4.25]);
    });

    it('entering 后评价 closes the ratings', async () => {
      const r = await api(`/api/projects/${S.A}/transitions`, street.token, { to: 'evaluation' });
      expect(r.body).toMatchObject({ status: 'evaluation', statusLabel: '后评价', nextStatus: null });
      expect(r.body.ratingWindow.open).toBe(false);
      const late = await api(`/api/projects/${S.A}/ratings`, r6.token, { dwellingId: w.X[5], overall: 1 }, 'PUT');
      expect([late.status, late.body.error.code]).toEqual([409, 'RATING_CLOSED']);
    });
  });
}
