import { z } from 'zod';
import type { AnyRoute } from './route';

function jsonSchema(schema: z.ZodType, io: 'input' | 'output') {
  const s = z.toJSONSchema(schema, { target: 'draft-2020-12', io, unrepresentable: 'any' }) as Record<string, unknown>;
  delete s.$schema;
  return s;
}

function parametersFrom(schema: z.ZodType | undefined, where: 'path' | 'query') {
  if (!schema) return [];
  const js = jsonSchema(schema, 'input') as { properties?: Record<string, unknown>; required?: string[] };
  return Object.entries(js.properties ?? {}).map(([name, s]) => ({
    name,
    in: where,
    required: where === 'path' || (js.required ?? []).includes(name),
    schema: s,
  }));
}

const ErrorSchema = {
  type: 'object',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message'],
      properties: { code: { type: 'string' }, message: { type: 'string' }, details: {} },
    },
  },
};

/** The OpenAPI 3.1 document, generated from the same zod schemas that validate requests. */
export function buildOpenApi(routes: AnyRoute[], version: string) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const r of routes) {
    const path = r.path.replace(/:(\w+)/g, '{$1}');
    const errors: Record<string, unknown> = {
      '400': { description: '请求参数不正确', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } },
      '429': { description: '请求过于频繁', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } },
    };
    if (r.auth === 'user') {
      for (const code of ['401', '403', '404']) {
        errors[code] = { description: '错误', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } };
      }
    }
    const ok = r.response
      ? { description: '成功', content: { 'application/json': { schema: jsonSchema(r.response, 'output') } } }
      : { description: '成功', content: { [r.produces ?? 'application/octet-stream']: {} } };
    const op: Record<string, unknown> = {
      operationId: `${r.method}_${r.path.replace(/[^A-Za-z0-9]+/g, '_').replace(/^_|_$/g, '')}`,
      summary: r.summary,
      tags: r.tags,
      parameters: [...parametersFrom(r.params, 'path'), ...parametersFrom(r.query, 'query')],
      responses: { [String(r.status ?? 200)]: ok, ...errors },
    };
    if (r.auth === 'user') op.security = [{ bearer: [] }];
    if (r.body) {
      const type = r.multipart ? 'multipart/form-data' : 'application/json';
      op.requestBody = { required: true, content: { [type]: { schema: jsonSchema(r.body, 'input') } } };
    }
    (paths[path] ??= {})[r.method] = op;
  }
  return {
    openapi: '3.1.0',
    info: { title: 'Gongzhi 共治 API', version, description: '老旧小区改造居民共治平台接口' },
    servers: [{ url: '/' }],
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
      schemas: { Error: ErrorSchema },
    },
    paths,
  };
}
