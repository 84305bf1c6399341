import { AUDIO_MAX_BYTES, AUDIO_MAX_MS, type AudioUpload } from '@gongzhi/shared';
import { AppError } from '../platform/errors';
import { filesOfPurpose, newFileId, putFile } from '../platform/files';
import { sniffAudio, type AudioType } from './audioSniff';

/** Shorter than this is a slip of the finger, not a reading. */
export const AUDIO_MIN_MS = 500;
const EXT: Record<AudioType, string> = { 'audio/mpeg': 'mp3', 'audio/mp4': 'm4a', 'audio/ogg': 'ogg', 'audio/webm': 'webm', 'audio/wav': 'wav' };

/** Checks a voice clip (type from its bytes, size, duration from its container) and stores it for its uploader. */
export async function storeAudio(buffer: Buffer, ownerId: string): Promise<AudioUpload> {
  if (buffer.length === 0) throw new AppError(400, 'FILE_EMPTY', '文件为空');
  if (buffer.length > AUDIO_MAX_BYTES) {
    throw new AppError(413, 'AUDIO_TOO_LARGE', `录音文件太大（最大 ${AUDIO_MAX_BYTES / 1024 / 1024}MB），请录短一些`, { maxBytes: AUDIO_MAX_BYTES });
  }
  const sniffed = sniffAudio(buffer);
  if (!sniffed) throw new AppError(415, 'AUDIO_TYPE_NOT_ALLOWED', '不是可用的录音文件（支持 MP3、M4A、OGG、WebM、WAV）');
  const ms = sniffed.durationMs;
  if (ms === null) throw new AppError(415, 'AUDIO_UNREADABLE', '无法读取录音的时长，请重新录制');
  if (ms > AUDIO_MAX_MS) throw new AppError(413, 'AUDIO_TOO_LONG', `录音太长（最长 ${AUDIO_MAX_MS / 1000} 秒）`, { durationMs: ms, maxMs: AUDIO_MAX_MS });
  if (ms < AUDIO_MIN_MS) throw new AppError(422, 'AUDIO_TOO_SHORT', '录音太短，请重新录制', { durationMs: ms });
  const fileId = newFileId();
  const filename = `voice-${fileId.slice(0, 8)}.${EXT[sniffed.contentType]}`;
  await putFile(fileId, buffer, filename, { contentType: sniffed.contentType, ownerId, purpose: 'audio_clip', durationMs: ms });
  return { fileId, contentType: sniffed.contentType, durationMs: ms, size: buffer.length, url: `/api/files/${fileId}` };
}

export interface AudioFileMeta {
  fileId: string;
  contentType: AudioType;
  durationMs: number;
  size: number;
}

/** The stored voice clips among `ids` (other files are absent). */
export async function audioFiles(ids: string[]): Promise<Map<string, AudioFileMeta>> {
  const clips = ids.filter((i) => i.length === 32); // voice clips only ever had the 32-hex ids
  const found = await filesOfPurpose(clips, 'audio_clip');
  return new Map(
    [...found.values()].map((f) => {
      const m = f.metadata as { contentType: AudioType; durationMs: number };
      return [f.fileId, { fileId: f.fileId, contentType: m.contentType, durationMs: m.durationMs, size: f.size }];
    }),
  );
}
