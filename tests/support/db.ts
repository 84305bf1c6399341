import { randomBytes } from 'node:crypto';

/**
 * A database name of its own for each test file: `gz_test_<prefix>_<pid>_<random>`.
 * Only [a-z0-9_] and short (FerretDB's SQLite handler stores each database as a file named after it).
 */
export function uniqueDbName(prefix: string): string {
  const clean =
    prefix
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '_')
      .replace(/^_+|_+$/g, '')
      .slice(0, 16) || 'x';
  return `gz_test_${clean}_${process.pid}_${randomBytes(3).toString('hex')}`;
}
