// Shared state of the projects scenario: the test file fills it in beforeAll, the step files read it inside their tests.
import type { TestServer } from '../support/server';
import type { FakeWechat } from '../support/fakeWechat';
import type { Person, World } from './projects.helpers';

export type Cast = Record<
  'street' | 'street2' | 'committee' | 'county' | 'prefecture' | 'admin' | 'r1' | 'r2' | 'r3' | 'r4' | 'r5' | 'tenant5' | 'r6' | 'ry',
  Person
>;
export const S = {} as { s: TestServer; wx: FakeWechat; w: World; p: Cast; A: string; B: string; items: { id: string; name: string }[] };
export const api = (path: string, token: string, body?: unknown, method?: string) => S.s.api(path, { token, body, method });
export const DAY = 86_400_000;
