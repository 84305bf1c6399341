import { registerOutboxHandler, registerPeriodicJob } from '../platform/jobs';
import { registerRoomPolicy } from '../platform/realtime';
import { areaByCode, memberDwellings } from './directory';
import { canJoinAreaRoom } from './policy';
import { deliverWechat, fanout } from './push/handlers';
import { publishDueNotices } from './commands/publishDue';

/** Registers the notices module's background work and room policy; imported once by routes.ts. */
registerOutboxHandler('notice.fanout', fanout);
registerOutboxHandler('notice.wechat', deliverWechat);
registerPeriodicJob('notices-publish-due', 1000, async () => {
  await publishDueNotices();
});

registerRoomPolicy('area', async (user, code) => {
  const area = await areaByCode(code);
  if (!area) return false;
  return canJoinAreaRoom(user, area.path, await memberDwellings(user.id));
});
