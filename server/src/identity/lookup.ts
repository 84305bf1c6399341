import { Types } from 'mongoose';
import { User } from './model';

export interface UserInfo {
  id: string;
  displayName: string;
  openid: string | null;
}
/** Names (and WeChat openids) of users, for other domains' lists and pushes; unknown or malformed ids are absent. */
export async function usersByIds(ids: string[]): Promise<Map<string, UserInfo>> {
  const valid = [...new Set(ids)].filter((i) => /^[0-9a-f]{24}$/i.test(i)).map((i) => new Types.ObjectId(i));
  if (valid.length === 0) return new Map();
  const docs = await User.find({ _id: { $in: valid } })
    .select('displayName openid')
    .lean();
  return new Map(docs.map((u) => [String(u._id), { id: String(u._id), displayName: u.displayName ?? '', openid: u.openid ?? null }]));
}
