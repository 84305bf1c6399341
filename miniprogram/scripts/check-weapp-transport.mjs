// Checks the weapp socket transport (src/services/taroSocketTransport.ts + realtime.ts) against a real socket.io
// server on loopback, with Taro.connectSocket backed by `ws`: connect with auth, room join, events, and a
// resync after the server drops the connection. Usage: node miniprogram/scripts/check-weapp-transport.mjs
import { build } from 'esbuild';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Server } from 'socket.io';

const here = path.dirname(fileURLToPath(import.meta.url));
const results = [];
const check = (name, ok) => {
  results.push(ok);
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${name}`);
};
const waitFor = async (fn, ms = 5000) => {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await fn()) return true;
    await new Promise((r) => setTimeout(r, 20));
  }
  return false;
};

const httpServer = http.createServer();
await new Promise((r) => httpServer.listen(0, '127.0.0.1', r));
const port = httpServer.address().port;
const io = new Server(httpServer, { path: '/socket.io', serveClient: false });
const transports = [];
io.use((socket, next) => {
  transports.push(socket.conn.transport.name);
  socket.handshake.auth?.token === 'good' ? next() : next(Object.assign(new Error('UNAUTHORIZED'), { data: { code: 'UNAUTHORIZED' } }));
});
io.on('connection', (socket) => {
  socket.on('join', (room, ack) => {
    socket.join(room);
    ack?.({ ok: true });
  });
});

const outfile = path.join(here, '../node_modules/.cache/check-realtime.mjs');
await build({
  entryPoints: [path.join(here, '../src/services/realtime.ts')],
  bundle: true,
  platform: 'node',
  format: 'esm',
  outfile,
  packages: 'external',
  // Same module instance as the import below, so the test can seed storage and see the sockets.
  plugins: [
    {
      name: 'taro-shim',
      setup(b) {
        b.onResolve({ filter: /^@tarojs\/taro$/ }, () => ({ path: pathToFileURL(path.join(here, 'taro-node-shim.mjs')).href, external: true }));
      },
    },
  ],
  define: {
    'process.env.TARO_ENV': '"weapp"',
    'process.env.TARO_APP_API_BASE': JSON.stringify(`http://127.0.0.1:${port}`),
  },
  logLevel: 'warning',
});
const rt = await import(pathToFileURL(outfile).href);
const shim = await import(pathToFileURL(path.join(here, 'taro-node-shim.mjs')).href);

shim.default.setStorageSync('gz.accessToken', 'good');
let resyncs = 0;
rt.onResync(() => resyncs++);
const received = [];
rt.onRealtime('consultation:updated', (p) => received.push(p));
check('connects through Taro.connectSocket', await waitFor(() => io.of('/').sockets.size === 1));
check('server saw the websocket transport only', transports.length === 1 && transports[0] === 'websocket');
check('socket URL is ws:// with EIO=4', /^ws:\/\/127\.0\.0\.1:\d+\/socket\.io\/\?EIO=4&transport=websocket/.test(shim.sockets[0]?.url ?? ''));
check('room join is acknowledged', await rt.joinRoom('consultation:c1'));
io.to('consultation:c1').emit('consultation:updated', { id: 'c1', v: 2 });
check('room event arrives', await waitFor(() => received.length === 1 && received[0].v === 2));

// Drop the transport under the client (as a network loss would): it must reconnect, rejoin, and ask pages to resync.
for (const s of io.of('/').sockets.values()) s.conn.close();
check('reconnects after the connection drops', await waitFor(() => shim.sockets.length === 2 && io.of('/').sockets.size === 1, 8000));
check('onResync fired once', await waitFor(() => resyncs === 1));
await waitFor(() => [...io.of('/').sockets.values()].some((s) => s.rooms.has('consultation:c1')));
io.to('consultation:c1').emit('consultation:updated', { id: 'c1', v: 3 });
check('room rejoined after reconnect', await waitFor(() => received.length === 2 && received[1].v === 3));

rt.disconnectRealtime();
check('disconnect closes the socket', await waitFor(() => io.of('/').sockets.size === 0));
io.close();
httpServer.close();

const passed = results.filter(Boolean).length;
console.log(`${passed} passed, ${results.length - passed} failed`);
process.exit(passed === results.length ? 0 : 1);
