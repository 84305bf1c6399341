import type { z } from 'zod';
import { UploadedFiles } from '@gongzhi/shared';
import type { FileKind, FilePurpose } from '../files';
import { sendXlsx, XLSX_TYPE } from '../xlsx';
import { defineRoute, type AnyRoute, type AuthUser } from './route';
import { storeRequestFiles } from './uploads';

/** Route shapes that several domains repeat, so each domain states only what differs (its path, policy and content). */

type Schema = z.ZodType;
type Out<S> = S extends z.ZodType ? z.output<S> : undefined;
interface Common<P, Q> {
  path: string;
  tags: string[];
  summary: string;
  params?: P;
  query?: Q;
}

/** GET → a spreadsheet download; `build` authorizes (throws 403/404) and returns the file's name and bytes. */
export function xlsxRoute<P extends Schema | undefined = undefined, Q extends Schema | undefined = undefined>(
  spec: Common<P, Q> & {
    /** ASCII name for clients that cannot read the UTF-8 one. */
    asciiName?: string;
    build: (input: { params: Out<P>; query: Out<Q>; user: AuthUser }) => Promise<{ filename: string; body: Buffer }>;
  },
): AnyRoute {
  return defineRoute<P, Q>({
    method: 'get',
    path: spec.path,
    tags: spec.tags,
    summary: spec.summary,
    auth: 'user',
    params: spec.params,
    query: spec.query,
    produces: XLSX_TYPE,
    handler: async ({ params, query, user, ctx }) => {
      const { filename, body } = await spec.build({ params, query, user });
      sendXlsx(ctx, filename, body, spec.asciiName);
      return undefined;
    },
  });
}

/** POST multipart → the stored files (201, retried safely with `Idempotency-Key`); `check` authorizes first. */
export function filesUploadRoute<P extends Schema | undefined = undefined>(
  spec: Common<P, undefined> & {
    purpose: FilePurpose;
    allowed: FileKind[];
    max?: number;
    check: (input: { params: Out<P>; user: AuthUser }) => Promise<void>;
  },
): AnyRoute {
  return defineRoute<P>({
    method: 'post',
    path: spec.path,
    tags: spec.tags,
    summary: spec.summary,
    auth: 'user',
    params: spec.params,
    multipart: true,
    status: 201,
    response: UploadedFiles,
    idempotent: true,
    handler: async ({ params, user, ctx }) => {
      await spec.check({ params, user });
      return storeRequestFiles(ctx, user.id, spec.purpose, spec.allowed, spec.max);
    },
  });
}
