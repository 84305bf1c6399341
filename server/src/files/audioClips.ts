import type { AudioClip, AudioClipRef, AudioLang } from '@gongzhi/shared';
import type { AuthUser } from '../platform/http/route';
import { attachFiles } from '../platform/fileRefs';
import { unprocessable } from '../platform/errors';
import { audit } from '../identity';
import { audioFiles } from './audioStore';

/**
 * Voice clips on a notice or a consultation, stored on the object itself (read with it, no second query):
 * `{ target, lang, fileId, contentType, durationMs, size }`. A write names the clips the object should show;
 * file ids go through the platform's one file seam (platform/fileRefs.ts), so only the writer's own uploads (or
 * clips the object already shows) are accepted, and one upload never ends up on two objects.
 */
export interface AudioClipDoc {
  target: string;
  lang: AudioLang;
  fileId: string;
  contentType: AudioClip['contentType'];
  durationMs: number;
  size: number;
}

export async function resolveAudio(
  user: AuthUser,
  refs: AudioClipRef[],
  spec: { object: string; shown?: AudioClipDoc[]; targets: string[] },
): Promise<AudioClipDoc[]> {
  const unknown = refs.filter((r) => !spec.targets.includes(r.target));
  if (unknown.length > 0) {
    throw unprocessable('AUDIO_TARGET_UNKNOWN', '录音对应的事项不存在', { targets: unknown.map((r) => r.target) });
  }
  const ids = refs.map((r) => r.fileId);
  const shown = (spec.shown ?? []).map((c) => c.fileId);
  await attachFiles(user, { purposes: ['audio_clip'], object: spec.object, shown, code: 'AUDIO_NOT_FOUND' }, ids);
  const files = await audioFiles(ids);
  const missing = ids.filter((id) => !files.has(id));
  if (missing.length > 0) throw unprocessable('AUDIO_NOT_FOUND', '录音文件不存在或不是录音，请重新录制', { fileIds: missing });
  return refs.map((r) => {
    const f = files.get(r.fileId)!;
    return { target: r.target, lang: r.lang, fileId: f.fileId, contentType: f.contentType, durationMs: f.durationMs, size: f.size };
  });
}

/** The targets a consultation's clips may name: the whole vote and each of its questions. */
export const consultationTargets = (questions: { id: string }[]) => ['main', ...questions.map((q) => `question:${q.id}`)];

/** One audit entry per clip put on or taken off (who, which text, which language, which file). */
export async function auditAudio(
  user: AuthUser,
  target: { type: string; id: string },
  areaPath: string[],
  before: AudioClipDoc[],
  after: AudioClipDoc[],
): Promise<void> {
  const key = (c: AudioClipDoc) => `${c.target}/${c.lang}/${c.fileId}`;
  const had = new Set(before.map(key));
  const has = new Set(after.map(key));
  const changes = [
    ...after.filter((c) => !had.has(key(c))).map((c) => ['audio.attach', c] as const),
    ...before.filter((c) => !has.has(key(c))).map((c) => ['audio.detach', c] as const),
  ];
  for (const [action, c] of changes) {
    await audit({ actorId: user.id, action, target, areaPath, details: { target: c.target, lang: c.lang, fileId: c.fileId, durationMs: c.durationMs } });
  }
}

export function presentAudio(clips: AudioClipDoc[] | null | undefined): AudioClip[] {
  return (clips ?? []).map((c) => ({
    target: c.target,
    lang: c.lang,
    fileId: c.fileId,
    contentType: c.contentType,
    durationMs: c.durationMs,
    size: c.size,
    url: `/api/files/${c.fileId}`,
  }));
}
