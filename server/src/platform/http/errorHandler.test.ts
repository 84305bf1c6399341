import type { Context } from 'koa';
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

  it('leave other errors alone', async () => {
    expect(await answer(new Error('boom'))).toEqual({ status: 500, code: 'INTERNAL_ERROR' });
    expect(await answer(Object.assign(new Error('E11000 duplicate key'), { name: 'MongoServerError', code: 11000 }))).toEqual({
      status: 409,
      code: 'DUPLICATE',
    });
  });
});
