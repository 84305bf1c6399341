import mongoose from 'mongoose';

/** One database command the server sent, as mongoose's debug hook reports it (raw `.collection` calls included). */
export interface Command {
  collection: string;
  method: string;
  filter: unknown;
}

/** What `f` returned and every command the process sent while it ran (in-process test servers only). */
export async function commandsWhile<T>(f: () => Promise<T>): Promise<{ result: T; commands: Command[] }> {
  const commands: Command[] = [];
  mongoose.set('debug', (collection: string, method: string, filter: unknown) => void commands.push({ collection, method, filter }));
  try {
    return { result: await f(), commands };
  } finally {
    mongoose.set('debug', false);
  }
}
