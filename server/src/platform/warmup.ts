/**
 * Caches an instance fills in the background after it starts (a domain's loads, named by the composition root).
 * The instance serves requests meanwhile; `/readyz` lists what is still loading, so an operator (or the bench)
 * can tell a first request's cold cost from the steady one.
 */
const loading = new Set<string>();

export function warming(name: string, work: Promise<unknown>): void {
  loading.add(name);
  void work.catch(() => undefined).finally(() => loading.delete(name));
}

export const stillWarming = (): string[] => [...loading];
