import { BallotRecord, ElectorateMember, type ElectorateMemberDoc } from '../ballotModels';

const row = (m: ElectorateMemberDoc) => ({
  dwellingId: m.dwellingId, buildingName: m.buildingName, entranceName: m.entranceName, room: m.room, floor: m.floor,
  areaHundredths: m.areaHundredths,
});

async function votedSet(consultationId: string): Promise<Set<string>> {
  return new Set((await BallotRecord.distinct('dwellingId', { consultationId })).map(String));
}

/** Electorate dwellings without any effective ballot yet, in building/entrance/floor/room order (no names). */
export async function notVotedDwellings(consultationId: string) {
  const [members, voted] = await Promise.all([
    ElectorateMember.find({ consultationId }).sort({ buildingCode: 1, entranceCode: 1, floor: 1, room: 1 }).lean(),
    votedSet(consultationId),
  ]);
  return members.filter((m) => !voted.has(m.dwellingId)).map(row);
}

/** Committee view: participation per building and the not-yet-voted list, for door-to-door visits. */
export async function participation(consultationId: string) {
  const [members, voted] = await Promise.all([
    ElectorateMember.find({ consultationId }).sort({ buildingCode: 1, entranceCode: 1, floor: 1, room: 1 }).lean(),
    votedSet(consultationId),
  ]);
  const buildings = new Map<string, { buildingCode: string; buildingName: string; dwellings: number; voted: number; areaHundredths: number; votedAreaHundredths: number }>();
  for (const m of members) {
    const b = buildings.get(m.buildingCode) ?? { buildingCode: m.buildingCode, buildingName: m.buildingName, dwellings: 0, voted: 0, areaHundredths: 0, votedAreaHundredths: 0 };
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

export async function participantCount(consultationId: string): Promise<number> {
  return (await votedSet(consultationId)).size;
}
