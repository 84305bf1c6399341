import type { ObjectId } from 'mongodb';
import { Types } from 'mongoose';
import { activeBindingsFor, audienceDwellingFilter, findDwellings } from '../directory';
import { NoticeDwellingRead } from '../summaryModels';

interface AudienceOf {
  _id: unknown;
  audienceCodes: string[];
  audienceDwellingIds: unknown[];
}

/** Users with an active binding to a dwelling in the audience (optionally only dwellings nobody has read it for). */
export async function audienceUsers(n: AudienceOf, opts: { unreadOnly?: boolean } = {}): Promise<string[]> {
  // An electorate audience already lists its dwellings; an area audience is found by its codes (a short `$in`).
  let dwellings: ObjectId[] =
    n.audienceDwellingIds.length > 0
      ? (n.audienceDwellingIds.map((x) => new Types.ObjectId(String(x))) as unknown as ObjectId[])
      : (await findDwellings(audienceDwellingFilter(n))).map((d) => d._id);
  if (opts.unreadOnly) {
    // Still a scan of the read marks (the daily reminder only); one mark per dwelling, so no distinct needed.
    const read = new Set((await NoticeDwellingRead.find({ noticeId: String(n._id) }, { dwellingId: 1 }).lean()).map((m) => m.dwellingId));
    dwellings = dwellings.filter((d) => !read.has(String(d)));
  }
  const bindings = await activeBindingsFor(dwellings);
  return [...new Set(bindings.map((b) => b.userId))];
}
