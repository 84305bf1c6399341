import type { AUDIO_TYPES } from '@gongzhi/shared';
import { webmDurationMs } from './audioWebm';

/**
 * What a voice clip really is, from its bytes (never from its name or declared type), and how long it plays, from
 * its container: WAV (data size / byte rate), Ogg (last granule position), MP4/M4A (mvhd), WebM (Info duration or
 * the last block's time: MediaRecorder writes no duration), MP3 (walks every Layer III frame; a Xing header could lie).
 * `durationMs: null` means the container is recognised but its length cannot be read: the upload is refused.
 */
export type AudioType = (typeof AUDIO_TYPES)[number];
export interface SniffedAudio {
  contentType: AudioType;
  durationMs: number | null;
}

const ascii = (b: Buffer, at: number, n: number) => b.toString('latin1', at, at + n);

export function sniffAudio(b: Buffer): SniffedAudio | null {
  if (b.length < 12) return null;
  if (ascii(b, 0, 4) === 'RIFF' && ascii(b, 8, 4) === 'WAVE') return { contentType: 'audio/wav', durationMs: wavDurationMs(b) };
  if (ascii(b, 0, 4) === 'OggS') return { contentType: 'audio/ogg', durationMs: oggDurationMs(b) };
  if (ascii(b, 4, 4) === 'ftyp') return mp4Audio(b);
  if (b.readUInt32BE(0) === 0x1a45dfa3) {
    const webm = webmDurationMs(b);
    return webm.video ? null : { contentType: 'audio/webm', durationMs: webm.durationMs };
  }
  const mp3 = mp3DurationMs(b);
  return mp3 === null ? null : { contentType: 'audio/mpeg', durationMs: mp3 };
}

function wavDurationMs(b: Buffer): number | null {
  let byteRate = 0;
  for (let at = 12; at + 8 <= b.length;) {
    const id = ascii(b, at, 4);
    const size = b.readUInt32LE(at + 4);
    if (id === 'fmt ' && at + 20 <= b.length) byteRate = b.readUInt32LE(at + 16);
    if (id === 'data') {
      if (!byteRate) return null;
      // A streamed WAV may leave the size at 0 or 0xFFFFFFFF: the bytes present are what plays.
      const present = b.length - at - 8;
      const bytes = size === 0 || size > present ? present : size;
      return Math.round((bytes * 1000) / byteRate);
    }
    at += 8 + size + (size % 2);
  }
  return null;
}

function oggDurationMs(b: Buffer): number | null {
  let rate = 0;
  let preSkip = 0;
  let granule = -1n;
  let at = 0;
  while (at + 27 <= b.length && ascii(b, at, 4) === 'OggS') {
    const segments = b[at + 26];
    const payload = at + 27 + segments;
    if (payload > b.length) return null;
    let size = 0;
    for (let i = 0; i < segments; i++) size += b[at + 27 + i];
    if (at === 0) {
      if (ascii(b, payload, 8) === 'OpusHead') {
        rate = 48_000; // Opus granules always count 48 kHz samples
        preSkip = b.readUInt16LE(payload + 10);
      } else if (ascii(b, payload + 1, 6) === 'vorbis') {
        rate = b.readUInt32LE(payload + 12);
      } else {
        return null;
      }
    }
    const g = b.readBigInt64LE(at + 6);
    if (g > granule) granule = g;
    at = payload + size;
  }
  if (!rate || granule < 0n) return null;
  return Math.max(0, Math.round((Number(granule - BigInt(preSkip)) * 1000) / rate));
}

/** Top-level MP4 boxes down to moov/mvhd; a file with a video track is not a voice clip. */
function mp4Audio(b: Buffer): SniffedAudio | null {
  const box = (from: number, to: number, type: string): [number, number] | null => {
    for (let at = from; at + 8 <= to;) {
      let size = b.readUInt32BE(at);
      let head = 8;
      if (size === 1 && at + 16 <= to) {
        size = Number(b.readBigUInt64BE(at + 8));
        head = 16;
      } else if (size === 0) size = to - at;
      if (size < head) return null;
      if (ascii(b, at + 4, 4) === type) return [at + head, Math.min(to, at + size)];
      at += size;
    }
    return null;
  };
  const moov = box(0, b.length, 'moov');
  if (!moov) return { contentType: 'audio/mp4', durationMs: null };
  const region = b.subarray(moov[0], moov[1]);
  const handlers: string[] = [];
  for (let i = region.indexOf('hdlr'); i >= 0; i = region.indexOf('hdlr', i + 4)) handlers.push(ascii(region, i + 12, 4));
  if (handlers.includes('vide') || !handlers.includes('soun')) return null;
  const mvhd = box(moov[0], moov[1], 'mvhd');
  if (!mvhd || mvhd[0] + 32 > b.length) return { contentType: 'audio/mp4', durationMs: null };
  const v1 = b[mvhd[0]] === 1;
  const timescale = b.readUInt32BE(mvhd[0] + (v1 ? 20 : 12));
  const duration = v1 ? Number(b.readBigUInt64BE(mvhd[0] + 24)) : b.readUInt32BE(mvhd[0] + 16);
  return { contentType: 'audio/mp4', durationMs: timescale ? Math.round((duration * 1000) / timescale) : null };
}

const MP3_KBPS = {
  v1: [0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320],
  v2: [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160],
};
const MP3_RATES: Record<number, number[]> = { 3: [44100, 48000, 32000], 2: [22050, 24000, 16000], 0: [11025, 12000, 8000] };

/** MPEG audio Layer III: at least two frames in a row from the start (after an ID3v2 tag), else not MP3. */
function mp3DurationMs(b: Buffer): number | null {
  let at = 0;
  if (ascii(b, 0, 3) === 'ID3' && b.length >= 10) {
    const size = ((b[6] & 0x7f) << 21) | ((b[7] & 0x7f) << 14) | ((b[8] & 0x7f) << 7) | (b[9] & 0x7f);
    at = 10 + size + (b[5] & 0x10 ? 10 : 0);
  }
  let frames = 0;
  let seconds = 0;
  while (at + 4 <= b.length) {
    if (b[at] !== 0xff || (b[at + 1] & 0xe0) !== 0xe0) break;
    const version = (b[at + 1] >> 3) & 3;
    const layer = (b[at + 1] >> 1) & 3;
    const kbps = (version === 3 ? MP3_KBPS.v1 : MP3_KBPS.v2)[b[at + 2] >> 4];
    const rate = MP3_RATES[version]?.[(b[at + 2] >> 2) & 3];
    if (version === 1 || layer !== 1 || !kbps || !rate) break;
    const samples = version === 3 ? 1152 : 576;
    const length = Math.floor(((samples / 8) * kbps * 1000) / rate) + ((b[at + 2] >> 1) & 1);
    if (at + length > b.length + 1) break;
    frames += 1;
    seconds += samples / rate;
    at += length;
  }
  return frames >= 2 ? Math.round(seconds * 1000) : null;
}
