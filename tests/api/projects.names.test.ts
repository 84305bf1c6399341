// Project and item names in Tibetan: staff type the Chinese name and, optionally, the Tibetan one. The Tibetan plan
// notice then speaks of the project and its items by their Tibetan names; without them it keeps the Chinese name.
import { decidedHowVote } from '../support/decidedVote';
import { startTestServer, type TestServer } from '../support/server';
import { person, seedWorld, type Person, type World } from './projects.helpers';

let s: TestServer;
let w: World;
let street: Person, resident: Person;
const call = (path: string, who: Person, body?: unknown, method?: string) => s.api(path, { token: who.token, body, method });

beforeAll(async () => {
  s = await startTestServer({ DB_PREFIX: 'projects_names' });
  w = await seedWorld();
  street = await person('st', { grants: [{ role: 'street_staff', scope: 'S1' }] });
  resident = await person('res', { dwellings: [w.X[0]] });
});
afterAll(async () => {
  await s.stop();
});

async function publishedPlan(year: number, names: { nameBo?: string; itemBo?: string }) {
  const created = await call('/api/projects', street, { complexCode: 'X', year, name: '幸福小区屋面改造', ...(names.nameBo ? { nameBo: names.nameBo } : {}) });
  expect(created.status).toBe(201);
  const id = created.body.id as string;
  for (const to of ['annual_plan', 'design']) await call(`/api/projects/${id}/transitions`, street, { to });
  const item = { category: 'basic', name: '屋面防水', quantity: 1, unit: '项', unitCostFen: 100_000, ...(names.itemBo ? { nameBo: names.itemBo } : {}) };
  const items = await call(`/api/projects/${id}/items`, street, { items: [item] }, 'PUT');
  expect(items.body.items[0].nameBo).toBe(names.itemBo ?? null);
  await call(`/api/projects/${id}/funding`, street, { centralSubsidyFen: 100_000 }, 'PUT');
  await decidedHowVote(id);
  const t = await call(`/api/projects/${id}/transitions`, street, { to: 'publicity' });
  expect(t.status).toBe(200);
  return { project: t.body, notice: (await call(`/api/notices/${t.body.noticeIds[0]}`, resident)).body };
}

it('typed Tibetan names appear in the Tibetan plan notice; the Chinese notice keeps the Chinese names', async () => {
  const { project, notice } = await publishedPlan(2026, { nameBo: 'བདེ་སྐྱིད་ཁྱིམ་ཁུལ་ཐོག་ཁ་བཅོས་སྒྱུར།', itemBo: 'ཐོག་ཁའི་ཆུ་འགོག' });
  expect(project.nameBo).toBe('བདེ་སྐྱིད་ཁྱིམ་ཁུལ་ཐོག་ཁ་བཅོས་སྒྱུར།');
  expect(notice.titleBo).toBe('བདེ་སྐྱིད་ཁྱིམ་ཁུལ་ཐོག་ཁ་བཅོས་སྒྱུར། ཡི་བཅོས་སྒྱུར་འཆར་གཞི་ཁྱབ་བསྒྲགས།');
  expect(notice.bodyBo).toContain('ཐོག་ཁའི་ཆུ་འགོག');
  expect(notice.bodyBo).not.toContain('屋面防水');
  expect([notice.title, notice.body.includes('屋面防水')]).toEqual(['幸福小区屋面改造改造方案公示', true]);
});

it('without Tibetan names the Tibetan notice names the project and items in Chinese', async () => {
  const { project, notice } = await publishedPlan(2027, {});
  expect(project.nameBo).toBeNull();
  expect(notice.titleBo).toBe('幸福小区屋面改造 ཡི་བཅོས་སྒྱུར་འཆར་གཞི་ཁྱབ་བསྒྲགས།');
  expect(notice.bodyBo).toContain('屋面防水');
});

it('a Tibetan name with hidden control characters is refused and nothing is created', async () => {
  const r = await call('/api/projects', street, { complexCode: 'X', year: 2028, nameBo: 'བདེ\u0000སྐྱིད' });
  expect([r.status, r.body.error.code]).toEqual([400, 'VALIDATION_FAILED']);
  expect((await call('/api/projects?complexCode=X&year=2028', street)).body.projects).toHaveLength(0);
});
