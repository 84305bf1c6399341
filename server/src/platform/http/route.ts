import type { Context } from 'koa';
import { z } from 'zod';
import type { RoleName } from '@gongzhi/shared';
import { badRequest, unauthorized } from '../errors';
import { keyedRequestId, randomRequestId, withIdempotency, type Reply } from './idempotency';

/** The roles of shared/ (one list for server and mini-program). */
export type Role = RoleName;

export interface Grant {
  role: Role;
  scope: string;
}
export interface AuthUser {
  id: string;
  grants: Grant[];
}

type Schema = z.ZodType;
type Out<S> = S extends z.ZodType ? z.output<S> : undefined;

export interface RouteSpec<P extends Schema | undefined, Q extends Schema | undefined, B extends Schema | undefined, A extends 'none' | 'user' | 'optional'> {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  path: string;
  summary: string;
  tags: string[];
  auth: A;
  params?: P;
  query?: Q;
  body?: B;
  /** Multipart upload route: the body is not JSON; the handler reads ctx.request.files. */
  multipart?: boolean;
  status?: number;
  /** Zod schema of the success body; omit for non-JSON responses (files). */
  response?: Schema;
  /** Content type for non-JSON responses, documented in OpenAPI. */
  produces?: string;
  /**
   * Honours `Idempotency-Key` (platform/http/idempotency.ts). `true`: a retried create is answered from the stored
   * response. `'handler'`: the handler's own write is the record (it gets the key-derived `requestId`, finds what an
   * earlier attempt wrote and answers from it), so no record is written per request.
   */
  idempotent?: boolean | 'handler';
  handler: (input: {
    params: Out<P>;
    query: Out<Q>;
    body: Out<B>;
    user: A extends 'user' ? AuthUser : AuthUser | undefined;
    ctx: Context;
    /** Stable for retries of one `Idempotency-Key` (`k:…`), random otherwise (`r:…`). */
    requestId: string;
  }) => Promise<unknown>;
}

/** A route of any shape, as the router and the OpenAPI builder see it (inputs are parsed by the route's own schemas). */
export type AnyRoute = RouteSpec<Schema | undefined, Schema | undefined, Schema | undefined, 'none' | 'user' | 'optional'>;

export function defineRoute<
  P extends Schema | undefined = undefined,
  Q extends Schema | undefined = undefined,
  B extends Schema | undefined = undefined,
  A extends 'none' | 'user' | 'optional' = 'user',
>(spec: RouteSpec<P, Q, B, A>): AnyRoute {
  // The handler's input type is narrower than AnyRoute's; toMiddleware parses with the same schemas, so it holds.
  return spec as unknown as AnyRoute;
}

function parse(schema: Schema | undefined, value: unknown, where: string) {
  if (!schema) return undefined;
  const r = schema.safeParse(value);
  if (!r.success) {
    throw badRequest('VALIDATION_FAILED', '请求参数不正确', {
      in: where,
      issues: r.error.issues.map((i) => ({ path: i.path.map(String), message: i.message, code: i.code })),
    });
  }
  return r.data;
}

/** Turns a route spec into Koa middleware: authenticate → validate → handle → respond. */
export function toMiddleware(route: AnyRoute) {
  return async (ctx: Context) => {
    const user = ctx.state.user as AuthUser | undefined;
    if (route.auth === 'user' && !user) throw unauthorized();
    const params = parse(route.params, ctx.params, 'params');
    const query = parse(route.query, ctx.query, 'query');
    const body = parse(route.body, (ctx.request as { body?: unknown }).body ?? {}, 'body');
    if (route.idempotent === true && user) {
      const run = async (requestId: string): Promise<Reply> => ({
        body: await route.handler({ params, query, body, user, ctx, requestId }),
        status: route.status ?? 200,
      });
      // The fingerprint: parsed JSON or multipart text fields, the query when the route has one (roster dryRun), and each file's field + SHA-256 of its bytes.
      const reply = await withIdempotency(ctx, user.id, route.query ? { body, query } : body, run);
      ctx.status = reply.status;
      if (reply.body !== undefined) ctx.body = reply.body;
      return;
    }
    const requestId = route.idempotent === 'handler' && user ? keyedRequestId(ctx, user.id) : randomRequestId();
    const result = await route.handler({ params, query, body, user, ctx, requestId });
    if (route.response || route.status) {
      ctx.status = route.status ?? 200;
      if (result !== undefined) ctx.body = result;
    } else if (result !== undefined) ctx.body = result;
  };
}
