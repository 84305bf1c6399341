// A client that goes away mid-response (a resident closing the page while the app's script streams) is routine: the
// server logs it at debug level and prints nothing on stderr (Koa's default prints a stack for each one).
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { startTestServer, type TestServer } from '../support/server';

let s: TestServer;
const h5 = path.resolve(__dirname, '../../miniprogram/dist/h5');
const biggest = fs.existsSync(path.join(h5, 'js'))
  ? fs
      .readdirSync(path.join(h5, 'js'))
      .map((f) => ({ f, size: fs.statSync(path.join(h5, 'js', f)).size }))
      .sort((a, b) => b.size - a.size)[0]
  : undefined;

beforeAll(async () => {
  s = await startTestServer({ DB_PREFIX: 'client_abort' });
});
afterAll(async () => {
  await s?.stop();
});

(biggest ? it : it.skip)('says nothing on stderr when a download is abandoned halfway', async () => {
  const printed: unknown[][] = [];
  const spy = jest.spyOn(console, 'error').mockImplementation((...args: unknown[]) => void printed.push(args));
  try {
    for (let i = 0; i < 5; i++) {
      await new Promise<void>((resolve, reject) => {
        const req = http.get(`${s.url}/js/${biggest!.f}`, (res) => {
          expect(res.statusCode).toBe(200);
          res.once('data', () => {
            req.destroy(); // the page was closed after the first chunk
            resolve();
          });
        });
        req.on('error', (e) => ((e as NodeJS.ErrnoException).code === 'ECONNRESET' ? undefined : reject(e)));
      });
    }
    await new Promise((r) => setTimeout(r, 300)); // the server notices the closed sockets
    expect((await s.api('/healthz')).status).toBe(200);
    expect(printed.map((a) => String(a[0]).slice(0, 200))).toEqual([]);
  } finally {
    spy.mockRestore();
  }
});
