import { createHash } from 'node:crypto';
import { Types } from 'mongoose';
import { findByIds } from '../../platform/store';
import { Dwelling, type DwellingDoc } from '../model';
import { storedRosterView } from '../rosterView';

/**
 * A dwelling's `_id` follows from its key (complex, building, entrance, room: the codes carry the complex), so an
 * insert replayed after a crash meets its own row by `_id` instead of adding a second one.
 */
export function dwellingIdOf(key: string): Types.ObjectId {
  return new Types.ObjectId(createHash('sha256').update(`dwelling|${key}`).digest().subarray(0, 12));
}

export interface ExistingDwellings {
  docs: DwellingDoc[];
  /** The roster document's revision the list was taken from; null when it came from a scan. */
  rev: string | null;
}

/**
 * The complex's dwellings, whole (the import compares owners' hashes and keeps PII the file shows masked), without
 * filtering the collection by complex: the roster document lists every dwelling's `_id` (rosterView.ts), and point
 * reads by `_id` cost the same whatever the size of the city. Without that document (never built, or dropped by a
 * write) the collection is scanned once, as before.
 */
export async function existingDwellings(complexCode: string): Promise<ExistingDwellings> {
  const stored = await storedRosterView(complexCode);
  if (stored) {
    const docs = await findByIds(
      Dwelling,
      stored.view.items.map((i) => new Types.ObjectId(i.dwellingId)),
    );
    if (docs.every((d) => d?.complexCode === complexCode)) return { docs: docs as DwellingDoc[], rev: stored.rev };
  }
  return { docs: await Dwelling.find({ complexCode }).lean(), rev: null };
}
