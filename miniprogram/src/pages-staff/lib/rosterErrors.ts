import { ApiError } from '../../services/api';

export interface RowError {
  row: number;
  column: string | null;
  reason: string;
}

/** The 422 ROSTER_INVALID error carries every bad row; anything else is a plain message. */
export function rosterRowErrors(e: unknown): RowError[] | null {
  if (!(e instanceof ApiError) || e.code !== 'ROSTER_INVALID') return null;
  const errors = (e.details as { errors?: unknown } | undefined)?.errors;
  if (!Array.isArray(errors)) return null;
  return errors.filter((x): x is RowError => typeof x === 'object' && x !== null && typeof (x as RowError).row === 'number').sort((a, b) => a.row - b.row);
}

/** Errors grouped by row, so a row with three problems reads as one line with three reasons. */
export function groupByRow(errors: readonly RowError[]): { row: number; reasons: string[] }[] {
  const map = new Map<number, string[]>();
  for (const e of errors) {
    const list = map.get(e.row) ?? [];
    list.push(e.column ? `${e.column}：${e.reason}` : e.reason);
    map.set(e.row, list);
  }
  return [...map.entries()].sort((a, b) => a[0] - b[0]).map(([row, reasons]) => ({ row, reasons }));
}
