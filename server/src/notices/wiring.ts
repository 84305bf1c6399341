import { registerRoomPolicy } from '../platform/realtime';
import { areaByCode, memberDwellings } from './directory';
import { canJoinAreaRoom } from './policy';

/** Registers the room policy of area rooms; imported once by routes.ts (the background work is in jobs.ts). */
registerRoomPolicy('area', async (user, code) => {
  const area = await areaByCode(code);
  if (!area) return false;
  return canJoinAreaRoom(user, area.path, await memberDwellings(user.id));
});
