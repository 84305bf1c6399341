import type { Context } from 'koa';
import net from 'node:net';
import { MongoNetworkError, MongoServerSelectionError, MongoTopologyClosedError } from 'mongodb';
import { errorHandler } from './errorHandler';

// Not exported from the package root (and untyped); thrown to requests that were queued when a connection failed.
const { PoolClearedError } = jest.requireActual<{ PoolClearedError: new (pool: object, cause: Error) => Error }>('mongodb/lib/cmap/errors');

async function answer(thrown: unknown) {
  const ctx = { status: 200, body: undefined as unknown, state: {}, set: () => undefined } as unknown as Context;
  await errorHandler(ctx, () => Promise.reject(thrown));
  return { status: ctx.status, code: (ctx.body as { error: { code: string } }).error.code };
}

describe('errors of a database that is gone', () => {
  it('answer 503 DB_UNAVAILABLE whichever driver class carries them', async () => {
    const refused = new MongoNetworkError('connect ECONNREFUSED 127.0.0.1:27017');
    const pool = { address: '127.0.0.1:27017', serverGeneration: 0 };
    const cases: unknown[] = [
      refused,
      new PoolClearedError(pool, refused),
      new MongoServerSelectionError('Server selection timed out after 1000 ms', { type: 'Unknown' } as never),
      new MongoTopologyClosedError(),
      Object.assign(new Error('Operation `users.findOne()` buffering timed out after 10000ms'), { name: 'MongooseError' }),
      new Error('wrapped', { cause: refused }),
    ];
    for (const thrown of cases) expect(await answer(thrown)).toEqual({ status: 503, code: 'DB_UNAVAILABLE' });
  });

  it('answer 503 for the bare EPIPE of a write on a connection the database has closed (kill -9 under load)', async () => {
    // A real socket whose other end hung up: the same Node error the driver's writeCommand threw in the fault suite.
    const server = net.createServer((s) => s.end());
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const socket = net.connect((server.address() as net.AddressInfo).port, '127.0.0.1');
    socket.on('error', () => undefined); // the same error, also emitted; the write callback is where we read it
    await new Promise((r) => socket.once('end', r));
    const epipe = await new Promise<Error | null | undefined>((r) => socket.write('x', r));
    socket.destroy();
    server.close();
    expect(epipe).toMatchObject({ code: 'EPIPE' });
    expect(await answer(epipe)).toEqual({ status: 503, code: 'DB_UNAVAILABLE' });
    // The driver's own reset is the database's; a client's reset of its upload is not.
    const reset = Object.assign(new Error('read ECONNRESET'), {
      code: 'ECONNRESET',
      stack: 'Error: read ECONNRESET\n    at Connection.onData (/app/node_modules/mongodb/lib/cmap/connection.js:1:1)',
    });
    expect(await answer(reset)).toEqual({ status: 503, code: 'DB_UNAVAILABLE' });
    expect(await answer(Object.assign(new Error('aborted'), { code: 'ECONNRESET' }))).toEqual({ status: 400, code: 'INVALID_ENCODING' });
  });

  it('leave other errors alone', async () => {
    expect(await answer(new Error('boom'))).toEqual({ status: 500, code: 'INTERNAL_ERROR' });
    expect(await answer(Object.assign(new Error('E11000 duplicate key'), { name: 'MongoServerError', code: 11000 }))).toEqual({
      status: 409,
      code: 'DUPLICATE',
    });
  });
});
