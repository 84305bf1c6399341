import type { Remote } from '../../hooks/useRemote';
import { useMe } from '../../hooks/useMe';
import { staffAccess, type StaffAccess } from './access';
import type { Me } from './staffApi';

/**
 * The signed-in user with grants, and what the workbench may offer them: the same /api/me store as the resident
 * pages (one request per session, reloaded on login/logout and after a reconnect).
 */
export function useStaff(): Remote<Me> & { access: StaffAccess } {
  const { me, loading, error, status, reload } = useMe();
  return { data: me, loading, error, status, reload, access: staffAccess(me?.grants ?? []) };
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
