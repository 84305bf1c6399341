import http from 'node:http';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import type { Json } from './json';

/**
 * A small round-robin load balancer for the multi-instance fault tests: HTTP requests (bodies buffered, so a
 * refused connection is retried on the next backend before anything was sent) and WebSocket upgrades (raw TCP
 * piping after the upgrade request). A backend that refuses a connection is skipped for `downMs`.
 * A request that fails after it reached a backend gets 502: the client cannot know if it took effect and must
 * retry with the same Idempotency-Key — which is exactly what the fault tests exercise.
 * socket.io clients must use the websocket transport (no sticky sessions for long-polling here).
 */
export interface Backend {
  host: string;
  port: number;
}
export interface Proxy {
  url: string;
  port: number;
  stats: { requests: number; retriedOnRefusal: number; badGateway: number; upgrades: number; perBackend: number[] };
  setBackends(backends: Backend[]): void;
  stop(): Promise<void>;
}

export async function startProxy(initial: Backend[], opts: { downMs?: number } = {}): Promise<Proxy> {
  let backends = [...initial];
  let downUntil = backends.map(() => 0);
  let next = 0;
  const downMs = opts.downMs ?? 1000;
  const stats = { requests: 0, retriedOnRefusal: 0, badGateway: 0, upgrades: 0, perBackend: backends.map(() => 0) };
  const agents = new Map<string, http.Agent>();
  const agentFor = (b: Backend) => {
    const k = `${b.host}:${b.port}`;
    if (!agents.has(k)) agents.set(k, new http.Agent({ keepAlive: true, maxSockets: 256 }));
    return agents.get(k)!;
  };
  const sockets = new Set<net.Socket>();

  /** Backends in round-robin order starting at the next one, live ones first. */
  const order = (): number[] => {
    const n = backends.length;
    const start = next++ % Math.max(1, n);
    const all = Array.from({ length: n }, (_, i) => (start + i) % n);
    const now = Date.now();
    return [...all.filter((i) => downUntil[i] <= now), ...all.filter((i) => downUntil[i] > now)];
  };
  const refused = (e: Json) => ['ECONNREFUSED', 'ECONNRESET_BEFORE_SEND'].includes(e?.code);

  const server = http.createServer((req, res) => {
    stats.requests++;
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const tries = order();
      const attempt = (k: number) => {
        const i = tries[k];
        const b = backends[i];
        if (!b) {
          stats.badGateway++;
          res.writeHead(502, { 'content-type': 'application/json' });
          res.end('{"error":{"code":"BAD_GATEWAY","message":"后端不可用"}}');
          return;
        }
        const headers = { ...req.headers, 'x-forwarded-for': req.socket.remoteAddress ?? '127.0.0.1', 'content-length': String(body.length) };
        delete (headers as Json)['transfer-encoding'];
        const up = http.request({ host: b.host, port: b.port, method: req.method, path: req.url, headers, agent: agentFor(b) }, (r) => {
          stats.perBackend[i] = (stats.perBackend[i] ?? 0) + 1;
          res.writeHead(r.statusCode ?? 502, r.headers);
          r.pipe(res);
          r.on('error', () => res.destroy());
        });
        let sent = false;
        up.on('socket', (s) => {
          // A reused keep-alive socket is already connected; a new one connects first.
          const mark = () => {
            sent = true;
          };
          if ((s as Json).connecting) s.once('connect', mark);
          else mark();
        });
        up.on('error', (e: Json) => {
          if ((!sent || refused(e)) && !res.headersSent && k + 1 < tries.length) {
            downUntil[i] = Date.now() + downMs;
            stats.retriedOnRefusal++;
            return attempt(k + 1);
          }
          if (!sent) downUntil[i] = Date.now() + downMs;
          stats.badGateway++;
          if (!res.headersSent) {
            res.writeHead(502, { 'content-type': 'application/json' });
            res.end('{"error":{"code":"BAD_GATEWAY","message":"后端连接中断"}}');
          } else res.destroy();
        });
        up.end(body);
      };
      attempt(0);
    });
  });
  server.keepAliveTimeout = 4000;

  server.on('upgrade', (req, client: net.Socket, head: Buffer) => {
    stats.upgrades++;
    sockets.add(client);
    client.on('close', () => sockets.delete(client));
    client.on('error', () => client.destroy());
    const tries = order();
    const attempt = (k: number) => {
      const i = tries[k];
      const b = backends[i];
      if (!b) {
        client.end('HTTP/1.1 502 Bad Gateway\r\nConnection: close\r\n\r\n');
        return;
      }
      const up = net.connect(b.port, b.host);
      sockets.add(up);
      up.on('close', () => {
        sockets.delete(up);
        client.destroy();
      });
      let connected = false;
      up.on('error', () => {
        if (!connected && k + 1 < tries.length) {
          downUntil[i] = Date.now() + downMs;
          attempt(k + 1);
          return;
        }
        client.destroy();
      });
      up.on('connect', () => {
        connected = true;
        stats.perBackend[i] = (stats.perBackend[i] ?? 0) + 1;
        let raw = `${req.method} ${req.url} HTTP/${req.httpVersion}\r\n`;
        for (let j = 0; j < req.rawHeaders.length; j += 2) raw += `${req.rawHeaders[j]}: ${req.rawHeaders[j + 1]}\r\n`;
        up.write(`${raw}\r\n`);
        if (head.length) up.write(head);
        up.pipe(client);
        client.pipe(up);
        client.on('close', () => up.destroy());
      });
    };
    attempt(0);
  });

  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    stats,
    setBackends(b) {
      backends = [...b];
      downUntil = backends.map(() => 0);
      stats.perBackend = backends.map(() => 0);
    },
    stop: async () => {
      for (const s of sockets) s.destroy();
      for (const a of agents.values()) a.destroy();
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}
