import type { ElectorateMemberDoc } from '../ballotModels';
import { voteCounts, type VoteCounts } from '../memoryTally';

// Who has voted comes from the log's replay in memory (memoryTally.ts), not from scans of the ballots and electorate.

const row = (m: ElectorateMemberDoc) => ({
  dwellingId: m.dwellingId,
  buildingName: m.buildingName,
  entranceName: m.entranceName,
  room: m.room,
  floor: m.floor,
  areaHundredths: m.areaHundredths,
});

/** Electorate dwellings without any effective ballot yet, in building/entrance/floor/room order (no names). */
export async function notVotedDwellings(consultationId: string) {
  const { members, voted } = await voteCounts(consultationId);
  return members.filter((m) => !voted.has(m.dwellingId)).map(row);
}

/** Participation per building and the not-yet-voted list from counts already computed. */
export function participationOf({ members, voted }: VoteCounts) {
  const buildings = new Map<
    string,
    { buildingCode: string; buildingName: string; dwellings: number; voted: number; areaHundredths: number; votedAreaHundredths: number }
  >();
  for (const m of members) {
    const b = buildings.get(m.buildingCode) ?? {
      buildingCode: m.buildingCode,
      buildingName: m.buildingName,
      dwellings: 0,
      voted: 0,
      areaHundredths: 0,
      votedAreaHundredths: 0,
    };
    b.dwellings++;
    b.areaHundredths += m.areaHundredths;
    if (voted.has(m.dwellingId)) {
      b.voted++;
      b.votedAreaHundredths += m.areaHundredths;
    }
    buildings.set(m.buildingCode, b);
  }
  return { buildings: [...buildings.values()], notVoted: members.filter((m) => !voted.has(m.dwellingId)).map(row) };
}

/** Committee view: participation per building and the not-yet-voted list, for door-to-door visits. */
export async function participation(consultationId: string) {
  return participationOf(await voteCounts(consultationId));
}

export async function participantCount(consultationId: string): Promise<number> {
  return (await voteCounts(consultationId)).voted.size;
}
