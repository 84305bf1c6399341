import mongoose, { Schema, type Model } from 'mongoose';
import type { ConsultationKind } from '@gongzhi/shared';
import { logger } from '../platform/logger';
import { readThrough, withLock } from '../platform/locks';
import { messageOf } from '../platform/errors';
import { Consultation, type ConsultationDoc, type ConsultationState } from './model';

/*
 * Consultation lists by area (issue 18). On FerretDB `Consultation.find({areaPath: {$in: …}})` reads and decodes every
 * consultation of the city, so each area code (region … complex) has one listing document, `_id` the code, holding
 * what a list shows of every consultation under it. A list is then one `{_id}` read per area of the caller.
 * Writers (create, edit, schedule, open, close, announce, delete) call refreshListings afterwards: under a lock per
 * code it re-reads the consultation by `_id` and replaces its entry, so the last refresh always carries the latest
 * state. A missing document is rebuilt from the collection (one scan) on read; repairListings fixes drift left by a
 * writer that died between its write and its refresh (or a write made outside the commands).
 */
export interface ListedConsultation {
  id: string;
  kind: ConsultationKind;
  title: string;
  titleBo: string | null;
  status: ConsultationState;
  complexCode: string;
  opensAt: Date;
  closesAt: Date;
  createdAt: Date;
}
interface ListingDoc {
  _id: string;
  items: ListedConsultation[];
  builtAt: Date;
}
const ListingSchema = new Schema<ListingDoc>(
  { _id: { type: String, required: true }, items: { type: Schema.Types.Mixed, required: true }, builtAt: { type: Date, required: true } },
  { versionKey: false },
);
export const ConsultationListing: Model<ListingDoc> =
  mongoose.models.ConsultationListing ?? mongoose.model<ListingDoc>('ConsultationListing', ListingSchema, 'consultation_listings');

const FIELDS = 'kind title titleBo status complexCode areaPath opensAt closesAt createdAt';
type Listable = Pick<ConsultationDoc, '_id' | 'kind' | 'title' | 'titleBo' | 'status' | 'complexCode' | 'areaPath' | 'opensAt' | 'closesAt' | 'createdAt'>;

export const entryOf = (c: Listable): ListedConsultation => ({
  id: String(c._id),
  kind: c.kind,
  title: c.title,
  titleBo: c.titleBo ?? null,
  status: c.status,
  complexCode: c.complexCode,
  opensAt: new Date(c.opensAt),
  closesAt: new Date(c.closesAt),
  createdAt: new Date(c.createdAt),
});

/** Newest first (ids break ties: ObjectIds grow with time), the order the list always had. */
const newestFirst = (a: ListedConsultation, b: ListedConsultation) => b.createdAt.getTime() - a.createdAt.getTime() || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);

/** The listing as the collection says now (one scan): the rebuild and the reference the tests compare with. */
export async function recountListing(code: string): Promise<ListedConsultation[]> {
  const rows = (await Consultation.find({ areaPath: code }).select(FIELDS).lean()) as Listable[];
  return rows.map(entryOf).sort(newestFirst);
}

const lockName = (code: string) => `consultation-listing:${code}`;
const readStored = async (code: string) => (await ConsultationListing.findById(code).lean())?.items.map(revive) ?? null;
// Mixed fields come back as stored; dates are BSON dates, copied so callers never share the cached objects.
const revive = (e: ListedConsultation): ListedConsultation => ({
  ...e,
  opensAt: new Date(e.opensAt),
  closesAt: new Date(e.closesAt),
  createdAt: new Date(e.createdAt),
});

async function store(code: string, items: ListedConsultation[]) {
  await ConsultationListing.replaceOne({ _id: code }, { items: [...items].sort(newestFirst), builtAt: new Date() }, { upsert: true });
}

/** The consultations under one area code: one `{_id}` read; rebuilt from the collection when missing. */
export function listingOf(code: string): Promise<ListedConsultation[]> {
  return readThrough(lockName(code), { read: () => readStored(code), rebuild: () => recountListing(code), store: (items) => store(code, items) });
}

/** Re-reads these consultations by `_id` and writes their entries into one area's listing (under its lock). */
async function patchListing(code: string, ids: readonly string[]) {
  await withLock(lockName(code), async () => {
    const stored = await readStored(code);
    if (!stored) return; // the next read builds it from the collection, which already has the write
    const fresh = await Promise.all(ids.map(async (id) => (await Consultation.findById(id).select(FIELDS).lean()) as Listable | null));
    const items = stored.filter((e) => !ids.includes(e.id));
    for (const c of fresh) if (c && c.areaPath.includes(code)) items.push(entryOf(c));
    await store(code, items);
  });
}

/**
 * After a write to a consultation: its entry in the listing of every area on its path. A listing that cannot be
 * updated (lock held too long, database error) is dropped, so readers rebuild it rather than show an old state.
 */
export async function refreshListings(c: Pick<ConsultationDoc, '_id' | 'areaPath'>): Promise<void> {
  const id = String(c._id);
  await Promise.all(
    c.areaPath.map(async (code) => {
      try {
        await patchListing(code, [id]);
      } catch (e) {
        logger.warn({ consultationId: id, code, err: messageOf(e) }, 'consultation listing not updated; dropping it');
        await ConsultationListing.deleteOne({ _id: code }).catch(() => undefined);
      }
    }),
  );
}

const keyOf = (e: ListedConsultation | undefined) => (e ? JSON.stringify({ ...e, opensAt: +e.opensAt, closesAt: +e.closesAt, createdAt: +e.createdAt }) : '');

/** Repair (periodic job): compares every stored listing with one scan of the collection and re-reads what differs. */
export async function repairListings(): Promise<number> {
  const [rows, docs] = await Promise.all([
    Consultation.find({}).select(FIELDS).lean() as Promise<Listable[]>,
    ConsultationListing.find({}).select('_id').lean(),
  ]);
  let fixed = 0;
  for (const { _id: code } of docs) {
    const stored = (await readStored(code)) ?? [];
    const want = new Map(rows.filter((c) => c.areaPath.includes(code)).map((c) => [String(c._id), entryOf(c)]));
    const have = new Map(stored.map((e) => [e.id, e]));
    const differing = [...new Set([...want.keys(), ...have.keys()])].filter((id) => keyOf(want.get(id)) !== keyOf(have.get(id)));
    if (differing.length === 0) continue;
    fixed++;
    await patchListing(code, differing);
  }
  if (fixed) logger.warn({ listings: fixed }, 'consultation listings repaired');
  return fixed;
}
