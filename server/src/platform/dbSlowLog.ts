import type { MongoClient } from 'mongodb';
import { logger } from './logger';

/**
 * Logs every database command slower than `slowMs` with its collection and the shape of its filter (field names and
 * operators, never values: those can be phone digits or ids). On FerretDB a filter that is not exactly `{_id}` reads
 * the whole collection, so this is how an operator finds the query that grows with the database (docs/ferretdb.md).
 */
export function watchSlowCommands(client: MongoClient, slowMs: number) {
  if (!(slowMs > 0)) return;
  const started = new Map<number, { name: string; collection: string; shape: string }>();
  client.on('commandStarted', (e) => {
    if (started.size > 5000) started.clear(); // replies lost with a dropped connection must not pile up
    const c = e.command as Record<string, unknown>;
    started.set(e.requestId, { name: e.commandName, collection: String(c[e.commandName] ?? ''), shape: commandShape(e.commandName, c) });
  });
  const done = (e: { requestId: number; duration: number }, failed: boolean) => {
    const s = started.get(e.requestId);
    started.delete(e.requestId);
    if (s && e.duration >= slowMs) logger.warn({ db: { ...s, ms: Math.round(e.duration), failed } }, 'slow database command');
  };
  client.on('commandSucceeded', (e) => done(e, false));
  client.on('commandFailed', (e) => done(e, true));
}

/** `{consultationId:?, seq:{$gt}}` sort `{seq}`: enough to tell a point read from a scan, with no value in it. */
export function commandShape(name: string, c: Record<string, unknown>): string {
  const parts: string[] = [];
  const add = (label: string, v: unknown) => {
    if (v && typeof v === 'object' && Object.keys(v).length > 0) parts.push(`${label}${shape(v)}`);
  };
  if (name === 'find' || name === 'count' || name === 'distinct' || name === 'findAndModify') {
    add('', c.filter ?? c.query);
    add(' sort', c.sort);
  } else if (name === 'update' || name === 'delete') {
    const ops = (c[name === 'update' ? 'updates' : 'deletes'] as { q?: unknown }[] | undefined) ?? [];
    add('', ops[0]?.q);
    if (ops.length > 1) parts.push(` ×${ops.length}`);
  } else if (name === 'aggregate') {
    parts.push(((c.pipeline as Record<string, unknown>[] | undefined) ?? []).map((st) => Object.keys(st)[0]).join('|'));
    const match = (c.pipeline as Record<string, unknown>[] | undefined)?.[0]?.$match;
    add(' ', match);
  } else if (name === 'insert') {
    parts.push(`×${(c.documents as unknown[] | undefined)?.length ?? 0}`);
  }
  return parts.join('');
}

function shape(v: unknown, depth = 0): string {
  if (Array.isArray(v)) return depth > 2 ? '[…]' : `[${v.length}]`;
  if (!v || typeof v !== 'object' || v instanceof Date || depth > 3) return '?';
  const proto = Object.getPrototypeOf(v);
  if (proto !== Object.prototype && proto !== null) return '?'; // ObjectId, Decimal128, Buffer: values
  return `{${Object.entries(v as Record<string, unknown>)
    .map(([k, x]) =>
      k.startsWith('$') || (x && typeof x === 'object' && !Array.isArray(x) && Object.getPrototypeOf(x) === Object.prototype)
        ? `${k}:${shape(x, depth + 1)}`
        : `${k}:?`,
    )
    .join(',')}}`;
}
