import type { AuthUser } from './http/route';
import { AppError } from './errors';

/**
 * Who may download a stored file. Files carry only their uploader; what makes a file visible to anyone else is an
 * object that shows it (a notice's attachment, a progress photo, a proxy's 委托书…). Each domain registers a reader
 * that finds its objects referring to the file and applies that object's own view policy. Deny by default: a file
 * no reader vouches for is the uploader's alone.
 */
export type FileReader = (user: AuthUser, fileId: string) => Promise<boolean>;

const readers = new Map<string, FileReader>();

export function registerFileReader(domain: string, reader: FileReader) {
  readers.set(domain, reader);
}

/** A reader's load helpers answer "not yours" with 403/404; that is a no here, anything else is a real failure. */
export async function refusedAsFalse(check: () => Promise<boolean>): Promise<boolean> {
  try {
    return await check();
  } catch (e) {
    if (e instanceof AppError && (e.status === 403 || e.status === 404)) return false;
    throw e;
  }
}

export async function canReadFile(user: AuthUser, fileId: string, ownerId: string | null): Promise<boolean> {
  if (ownerId && ownerId === user.id) return true;
  for (const read of readers.values()) {
    if (await refusedAsFalse(() => read(user, fileId))) return true;
  }
  return false;
}
