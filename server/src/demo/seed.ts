/** Demo data for `npm start`: filled in by the identity/roster work (it must use the roster import path). */
export async function seedDemo(): Promise<void> {}
