import { useRemote, type Remote } from '../../hooks/useRemote';
import { useSession } from '../../services/session';
import { staffAccess, type StaffAccess } from './access';
import { staffApi, type Me } from './staffApi';

/** The signed-in user with grants, and what the workbench may offer them. Reloads on login/logout. */
export function useStaff(): Remote<Me> & { access: StaffAccess } {
  const { loggedIn, user } = useSession();
  const me = useRemote(() => staffApi.me(), [loggedIn, user?.id]);
  return { ...me, access: staffAccess(me.data?.grants ?? []) };
}

/** Reads a page's query parameter (Taro's router params are strings, possibly URL-encoded). */
export function param(params: Record<string, string | undefined>, name: string): string {
  const v = params[name];
  if (!v) return '';
  try {
    return decodeURIComponent(v);
  } catch {
    return v;
  }
}
