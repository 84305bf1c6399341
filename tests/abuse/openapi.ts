import type { Json } from '../support/json';
/**
 * Request cases generated from the OpenAPI document: every operation, a plausible example body for its schema,
 * the path of every JSON field in it, and helpers to put a hostile value at one path.
 */
export type Schema = Record<string, Json>;
export interface Operation {
  method: string;
  path: string; // OpenAPI template, e.g. /api/notices/{id}
  operationId: string;
  secured: boolean;
  body?: Schema; // JSON request body schema
  multipart?: Schema; // multipart/form-data schema
  params: { name: string; in: 'path' | 'query'; required: boolean; schema: Schema }[];
}

export function operations(doc: Json): Operation[] {
  const out: Operation[] = [];
  for (const [path, item] of Object.entries<Json>(doc.paths ?? {})) {
    for (const [method, op] of Object.entries<Json>(item)) {
      if (!['get', 'post', 'put', 'patch', 'delete'].includes(method)) continue;
      const content = op.requestBody?.content ?? {};
      out.push({
        method,
        path,
        operationId: op.operationId,
        secured: !!op.security?.length,
        body: content['application/json']?.schema,
        multipart: content['multipart/form-data']?.schema,
        params: (op.parameters ?? []).map((p: Json) => ({ name: p.name, in: p.in, required: !!p.required, schema: p.schema ?? {} })),
      });
    }
  }
  return out;
}

const OBJECT_ID = /0-9a-f\]\{24\}/;

/** A value the schema would likely accept (it need not pass every refinement: the guards run before validation). */
export function example(s: Schema | undefined, depth = 0): Json {
  if (!s || depth > 8) return 'x';
  if (s.const !== undefined) return s.const;
  if (s.enum) return s.enum[0];
  if (s.default !== undefined && typeof s.default !== 'object') return s.default;
  for (const k of ['anyOf', 'oneOf'] as const) {
    if (s[k]) return example(s[k].find((b: Schema) => b.type !== 'null') ?? s[k][0], depth + 1);
  }
  if (s.allOf) return Object.assign({}, ...s.allOf.map((b: Schema) => example(b, depth + 1)));
  const type = Array.isArray(s.type) ? s.type.find((t: string) => t !== 'null') : s.type;
  switch (type) {
    case 'object': {
      const o: Record<string, unknown> = {};
      for (const [k, v] of Object.entries<Schema>(s.properties ?? {})) o[k] = example(v, depth + 1);
      return o;
    }
    case 'array':
      return Array.from({ length: Math.max(1, s.minItems ?? 1) }, () => example(s.items, depth + 1));
    case 'integer':
      return Math.max(s.minimum ?? 1, s.exclusiveMinimum !== undefined ? s.exclusiveMinimum + 1 : 1);
    case 'number':
      return Math.max(s.minimum ?? 1, 1);
    case 'boolean':
      return true;
    case 'string': {
      if (s.format === 'date-time') return new Date(Date.now() + 86400_000).toISOString();
      if (s.pattern && OBJECT_ID.test(s.pattern)) return 'a'.repeat(24);
      if (s.pattern) return patternExample(s.pattern, s.minLength);
      return 'abcd'.repeat(Math.ceil(Math.max(s.minLength ?? 1, 4) / 4)).slice(0, Math.max(s.minLength ?? 4, 4));
    }
    default:
      return 'x';
  }
}

function patternExample(p: string, min = 1): string {
  if (/\[0-9\]\{3\}\[0-9Xx\]/.test(p)) return '1234';
  if (/\[0-9A-Z-\]/i.test(p)) return 'ABCD1234';
  if (/\[A-Za-z0-9_-\]/.test(p)) return 'key_12345678'.slice(0, Math.max(8, min));
  if (/\[a-z0-9\]/.test(p)) return 'q1';
  if (/\\d|\[0-9\]/.test(p)) return '1'.repeat(Math.max(min, 4));
  return 'abc';
}

/** Paths (keys and array indices) to every field of a value: objects, arrays and leaves. */
export function fieldPaths(v: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  const out: (string | number)[][] = [];
  if (Array.isArray(v))
    v.forEach((x, i) => {
      out.push([...prefix, i]);
      out.push(...fieldPaths(x, [...prefix, i]));
    });
  else if (v && typeof v === 'object') {
    for (const [k, x] of Object.entries(v)) {
      out.push([...prefix, k]);
      out.push(...fieldPaths(x, [...prefix, k]));
    }
  }
  return out;
}

export function setAt(v: Json, path: (string | number)[], value: unknown): Json {
  const copy = structuredClone(v);
  let cur = copy;
  for (const k of path.slice(0, -1)) cur = cur[k];
  cur[path[path.length - 1]] = value;
  return copy;
}

/** Fills path parameters with examples (or overrides by name). */
export function fillPath(op: Operation, overrides: Record<string, string> = {}): string {
  return op.path.replace(/\{(\w+)\}/g, (_, name) => {
    const p = op.params.find((x) => x.in === 'path' && x.name === name);
    return encodeURIComponent(overrides[name] ?? String(example(p?.schema)));
  });
}

/** Text fields: strings without pattern/enum/format constraints (free text a person types). */
export function textPaths(schema: Schema | undefined, value: Json): (string | number)[][] {
  const out: (string | number)[][] = [];
  const walk = (s: Schema | undefined, v: Json, prefix: (string | number)[]) => {
    if (!s) return;
    const branch = s.anyOf?.find((b: Schema) => b.type !== 'null') ?? s.oneOf?.[0] ?? s;
    if (branch.type === 'object' && v && typeof v === 'object') {
      for (const [k, sub] of Object.entries<Schema>(branch.properties ?? {})) walk(sub, v[k], [...prefix, k]);
    } else if (branch.type === 'array' && Array.isArray(v)) {
      walk(branch.items, v[0], [...prefix, 0]);
    } else if (branch.type === 'string' && !branch.pattern && !branch.enum && !branch.format && typeof v === 'string') {
      out.push(prefix);
    }
  };
  walk(schema, value, []);
  return out;
}
