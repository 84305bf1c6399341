// Issue #6 "done when", one complex (X) from 储备 to 后评价 against the real server and FerretDB:
// part 1 (projects.steps.plan.ts): stages, items, funding plan with the 2:1:1 split, plan publicity, elevator shares;
// part 2 (projects.steps.works.ts): pledges through their lifecycle, progress, joint acceptance, ratings;
// part 3 (projects.steps.evaluation.ts): the evaluation, county roll-up, ranking, candidates and the XLSX/HTML exports,
// each against figures computed by hand in the comments.
import { startTestServer } from '../support/server';
import { startFakeWechat } from '../support/fakeWechat';
import { wechatEnv } from '../support/notices';
import { person, seedWorld } from './projects.helpers';
import { S } from './projects.scenario.ctx';
import { planSteps } from './projects.steps.plan';
import { worksSteps } from './projects.steps.works';
import { evaluationSteps } from './projects.steps.evaluation';

beforeAll(async () => {
  S.wx = await startFakeWechat();
  S.s = await startTestServer({ DB_PREFIX: 'projects_scn', ...wechatEnv(S.wx) });
  const w = (S.w = await seedWorld());
  const [r1, r2, r3, r4] = await Promise.all(['刘一', '陈二', '张三丰', '李四'].map((name, i) => person(name, { dwellings: [w.X[i]] })));
  S.p = {
    street: await person('街道王', { grants: [{ role: 'street_staff', scope: 'S1' }] }),
    street2: await person('街道李', { grants: [{ role: 'street_staff', scope: 'S2' }] }),
    committee: await person('业委会赵', { grants: [{ role: 'committee', scope: 'X' }] }),
    county: await person('县干部', { grants: [{ role: 'county_official', scope: 'K1' }] }),
    prefecture: await person('地区干部', { grants: [{ role: 'prefecture_official', scope: 'P1' }] }),
    admin: await person('管理员', { grants: [{ role: 'admin', scope: 'root' }] }),
    r1,
    r2,
    r3,
    r4,
    r5: await person('王五', { dwellings: [w.X[4]] }),
    tenant5: await person('租户五', { dwellings: [w.X[4]], relation: 'tenant' }),
    r6: await person('扎西顿珠', { dwellings: [w.X[5]] }),
    ry: await person('Y住户', { dwellings: [w.Y[0]] }),
  };
});
afterAll(async () => {
  await S.s?.stop();
  await S.wx?.stop();
});

planSteps();
worksSteps();
evaluationSteps();
