/** Percent steps for the progress stepper: whole numbers 0–100, never below what was already reported. */
export function stepPercent(current: number, delta: number, floor = 0): number {
  const next = Math.round(current + delta);
  return Math.max(Math.max(0, floor), Math.min(100, next));
}

/** Items whose percentage changed: only those go into the update (the server needs at least one). */
export function changedItems(before: Record<string, number>, after: Record<string, number>): { itemId: string; percent: number }[] {
  return Object.keys(after)
    .filter((id) => after[id] !== before[id])
    .map((id) => ({ itemId: id, percent: after[id] }));
}
