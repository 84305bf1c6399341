import { z } from 'zod';
import { FileId } from './files';

/**
 * Voice recordings beside a text, for residents who speak Tibetan but read little. A clip belongs to one text of an
 * object (`main`: the notice or the consultation itself; `question:<id>`: one question of a vote) in one language.
 * The bytes decide the type and the container header the duration (server/src/files/audioSniff.ts).
 */
export const AUDIO_LANGS = ['zh', 'bo'] as const;
export const AudioLang = z.enum(AUDIO_LANGS);
export type AudioLang = z.infer<typeof AudioLang>;
export const AUDIO_MAX_BYTES = 2 * 1024 * 1024;
export const AUDIO_MAX_MS = 120_000;
export const AUDIO_TYPES = ['audio/mpeg', 'audio/mp4', 'audio/ogg', 'audio/webm', 'audio/wav'] as const;
export const AUDIO_CLIPS_MAX = 42; // main + 20 questions, in two languages

export const AudioTarget = z.string().regex(/^(?:main|question:[a-z0-9][a-z0-9_-]{0,31})$/, '录音位置格式不正确');

export const AudioClipRef = z.object({
  target: AudioTarget.describe('main（整篇）或 question:<事项编号>'),
  lang: AudioLang,
  fileId: FileId.describe('POST /api/audio 返回的文件编号'),
});
export type AudioClipRef = z.infer<typeof AudioClipRef>;

/** The clips an object should show after the write; a clip left out is detached. */
export const AudioClipRefs = z
  .array(AudioClipRef)
  .max(AUDIO_CLIPS_MAX)
  .refine((a) => new Set(a.map((c) => `${c.target}/${c.lang}`)).size === a.length, '同一位置同一语言只能有一段录音')
  .describe('语音朗读（每处每种语言一段）；省略时不变，空数组表示全部移除');

export const AudioClip = AudioClipRef.extend({
  contentType: z.enum(AUDIO_TYPES),
  durationMs: z.number().int(),
  size: z.number().int(),
  url: z.string(),
});
export type AudioClip = z.infer<typeof AudioClip>;

export const AudioUpload = z.object({
  fileId: z.string(),
  contentType: z.enum(AUDIO_TYPES),
  durationMs: z.number().int(),
  size: z.number().int(),
  url: z.string(),
});
export type AudioUpload = z.infer<typeof AudioUpload>;
