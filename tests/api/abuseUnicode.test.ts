import { startTestServer, type TestServer } from '../support/server';
import { seedWorld, dbDigest, type World } from '../abuse/fixtures';
import { operations, example, fillPath, textPaths, setAt } from '../abuse/openapi';

/**
 * Unicode edge cases in text fields. Policy: text that cannot be stored faithfully or that spoofs what others see
 * (lone surrogates, NUL, bidi overrides and isolates, invisible-only names) is refused with 400 and nothing is written;
 * Tibetan (stacked consonants, vowel signs, combining marks) and CJK are stored and returned exactly.
 */
const SECRET = 'abuse-unicode-secret-0123456789';
let s: TestServer;
let world: World;

beforeAll(async () => {
  s = await startTestServer({ DB_PREFIX: 'abuse_uni', JOBS: 'false', JWT_SECRET: SECRET });
  world = await seedWorld(SECRET);
}, 60_000);
afterAll(async () => {
  await s?.stop();
});

const HOSTILE: Record<string, string> = {
  'lone high surrogate': '扎西\uD83D',
  'lone low surrogate': '\uDC00扎西',
  'NUL byte': '扎西\u0000德吉',
  'RTL override': '扎西\u202Egnp.exe',
  'LTR embedding': '\u202A扎西',
  'RTL isolate': '扎西\u2067abc\u2069',
  'zero-width only': '\u200B\u200B\u200B',
  'zero-width space inside': '扎\u200B西',
  'word joiner / BOM': '\uFEFF扎西\u2060',
};
const TIBETAN: Record<string, string> = {
  'bkra shis bde legs': 'བཀྲ་ཤིས་བདེ་ལེགས།',
  'stack with vowel signs (hūṃ)': 'ཧཱུྃ',
  'subjoined letters': 'སྒྲོལ་མ།',
  'mixed Tibetan and Chinese': '卓玛 སྒྲོལ་མ',
};

describe('unicode in text fields', () => {
  it('hostile text in a display name → 400, nothing written', async () => {
    const before = await dbDigest();
    const bad: string[] = [];
    for (const [name, text] of Object.entries(HOSTILE)) {
      const r = await s.api('/api/me', { method: 'PATCH', body: { displayName: text }, token: world.tokens.resident });
      if (r.status !== 400) bad.push(`${name} → ${r.status} ${JSON.stringify(r.body?.displayName ?? r.body?.error?.code)}`);
    }
    expect(bad).toEqual([]);
    expect(await dbDigest()).toEqual(before);
  });

  it('Tibetan with combining marks is stored and returned exactly', async () => {
    for (const [name, text] of Object.entries(TIBETAN)) {
      const r = await s.api('/api/me', { method: 'PATCH', body: { displayName: text }, token: world.tokens.resident });
      expect({ name, status: r.status }).toEqual({ name, status: 200 });
      const me = await s.api('/api/me', { token: world.tokens.resident });
      expect({ name, displayName: me.body.displayName }).toEqual({ name, displayName: text.normalize('NFC') });
    }
  });

  it('lone surrogates and bidi overrides are refused in every free-text field of every write operation', async () => {
    const ops = operations((await s.api('/api/openapi.json')).body).filter((o) => o.body && ['post', 'put', 'patch'].includes(o.method));
    const before = await dbDigest(['rate_counters']);
    const bad: string[] = [];
    for (const op of ops) {
      const base = example(op.body);
      for (const path of textPaths(op.body, base)) {
        for (const text of ['a\uD800b', 'a\u202Eb']) {
          const r = await s.api(fillPath(op), { method: op.method.toUpperCase(), body: setAt(base, path, text), token: world.tokens.admin });
          if (r.status < 400 || r.status >= 500) bad.push(`${op.method} ${op.path} ${path.join('.')} ${JSON.stringify(text)} → ${r.status}`);
        }
      }
    }
    expect(bad).toEqual([]);
    expect(await dbDigest(['rate_counters'])).toEqual(before);
  }, 120_000);
});
