import Taro from '@tarojs/taro';
import { AUDIO_MAX_MS, type AudioClip, type AudioLang, type AudioUpload } from '@gongzhi/shared';
import { localFile } from './files';
import { newIdempotencyKey } from './api';
import { uploadFile, type UploadSource } from './uploads';

/**
 * Voice clips beside a text. Playing: the clip is downloaded with the login token (services/files.ts), then played by
 * one player for the whole app (a second ▶ stops the first): InnerAudioContext on weapp, an <audio> element on H5
 * (blob: URL; the server's CSP allows media from blob:). Recording: RecorderManager (MP3) on weapp, MediaRecorder
 * (WebM/Opus, or what the browser has) on H5. The server checks type, size and length from the bytes either way.
 */
export type Clip = Pick<AudioClip, 'target' | 'lang' | 'fileId' | 'durationMs'>;
export type PlayState = 'idle' | 'loading' | 'playing' | 'failed';

const isH5 = process.env.TARO_ENV === 'h5';

/** The clip of `target` to offer a reader: their own language first, else the other one (a voice beats no voice). */
export function pickClip(clips: readonly Clip[] | null | undefined, target: string, lang: AudioLang): Clip | null {
  const here = (clips ?? []).filter((c) => c.target === target);
  return here.find((c) => c.lang === lang) ?? here.find((c) => c.lang !== lang) ?? null;
}

export const seconds = (ms: number) => Math.max(1, Math.round(ms / 1000));

let current: { fileId: string; set: (s: PlayState) => void } | null = null;
let h5El: HTMLAudioElement | null = null;
let wxCtx: Taro.InnerAudioContext | null = null;

function finish(state: PlayState) {
  current?.set(state);
  current = null;
}

function h5Player(): HTMLAudioElement {
  if (!h5El) {
    h5El = document.createElement('audio');
    h5El.setAttribute('data-testid', 'audio-player');
    h5El.preload = 'auto';
    h5El.style.display = 'none';
    h5El.addEventListener('ended', () => finish('idle'));
    h5El.addEventListener('error', () => current && finish('failed'));
    document.body.appendChild(h5El);
  }
  return h5El;
}

function wxPlayer(): Taro.InnerAudioContext {
  if (!wxCtx) {
    // Elders often leave the phone on silent: a clip they asked for plays anyway.
    Taro.setInnerAudioOption?.({ obeyMuteSwitch: false }).catch(() => undefined);
    wxCtx = Taro.createInnerAudioContext();
    wxCtx.onEnded(() => finish('idle'));
    wxCtx.onError(() => finish('failed'));
  }
  return wxCtx;
}

/** Stops the clip only if `set` is the one playing it (a button leaving the page stops its own clip, not another's). */
export function stopClipOf(set: (s: PlayState) => void) {
  if (current?.set === set) stopClip();
}

export function stopClip() {
  if (!current) return;
  if (isH5) h5El?.pause();
  else wxCtx?.stop();
  finish('idle');
}

/** Plays one clip, reporting its state; tapping the playing clip again stops it (the caller decides). */
export async function playClip(fileId: string, onState: (s: PlayState) => void): Promise<void> {
  stopClip();
  const me = { fileId, set: onState };
  current = me;
  onState('loading');
  try {
    const src = await localFile(fileId);
    if (current !== me) return; // another clip was asked for meanwhile
    if (isH5) {
      const el = h5Player();
      el.setAttribute('data-file-id', fileId);
      el.src = src;
      await el.play();
    } else {
      const ctx = wxPlayer();
      ctx.src = src;
      ctx.play();
    }
    if (current === me) onState('playing');
  } catch {
    if (current === me) finish('failed');
  }
}

/** A finished recording or a chosen file, ready for upload. */
export interface Recording extends UploadSource {
  durationMs?: number;
}

export interface RecorderHandle {
  stop: () => void;
  cancel: () => void;
}

/** Starts recording; `onDone` gets the file when stopped (or at the 2-minute limit), `onError` when it cannot record. */
export async function startRecording(onDone: (r: Recording) => void, onError: (e: unknown) => void): Promise<RecorderHandle> {
  const limit = AUDIO_MAX_MS - 1000;
  if (!isH5) {
    const rm = Taro.getRecorderManager();
    let state: 'on' | 'done' | 'cancelled' = 'on';
    rm.onStop((res) => {
      if (state === 'on') onDone({ path: res.tempFilePath, name: 'voice.mp3', durationMs: res.duration });
      state = 'done';
    });
    rm.onError((e) => state === 'on' && onError(e));
    rm.start({ duration: limit, format: 'mp3', sampleRate: 16000, numberOfChannels: 1, encodeBitRate: 48000 });
    const cancel = () => {
      if (state !== 'on') return;
      state = 'cancelled';
      rm.stop();
    };
    return { stop: () => state === 'on' && rm.stop(), cancel };
  }
  const stream = await navigator.mediaDevices.getUserMedia({ audio: true });
  const mimeType = ['audio/webm;codecs=opus', 'audio/ogg;codecs=opus', 'audio/mp4'].find((m) => MediaRecorder.isTypeSupported(m));
  const rec = new MediaRecorder(stream, { ...(mimeType ? { mimeType } : {}), audioBitsPerSecond: 32_000 });
  const chunks: Blob[] = [];
  let cancelled = false;
  const started = Date.now();
  rec.ondataavailable = (e) => e.data.size > 0 && chunks.push(e.data);
  rec.onerror = (e) => onError(e);
  rec.onstop = () => {
    clearTimeout(timer);
    stream.getTracks().forEach((t) => t.stop());
    if (cancelled) return;
    const blob = new Blob(chunks, { type: rec.mimeType || 'audio/webm' });
    const ext = /ogg/.test(blob.type) ? 'ogg' : /mp4/.test(blob.type) ? 'm4a' : 'webm';
    onDone({ path: URL.createObjectURL(blob), name: `voice.${ext}`, blob, durationMs: Date.now() - started });
  };
  const timer = setTimeout(() => rec.state !== 'inactive' && rec.stop(), limit);
  rec.start(1000);
  return {
    stop: () => rec.state !== 'inactive' && rec.stop(),
    cancel: () => {
      cancelled = true;
      if (rec.state !== 'inactive') rec.stop();
    },
  };
}

/** A recording made elsewhere (a PC's sound file, a WeChat voice file from a chat). Null when the person backs out. */
export function chooseAudioFile(): Promise<Recording | null> {
  if (!isH5) {
    return Taro.chooseMessageFile({ count: 1, type: 'file', extension: ['mp3', 'm4a', 'wav', 'ogg', 'webm'] }).then(
      (r) => (r.tempFiles[0] ? { path: r.tempFiles[0].path, name: r.tempFiles[0].name } : null),
      () => null,
    );
  }
  return new Promise((resolve) => {
    const input = document.createElement('input');
    input.type = 'file';
    input.accept = 'audio/*,.mp3,.m4a,.wav,.ogg,.webm';
    input.style.display = 'none';
    input.setAttribute('data-testid', 'audio-file-input');
    input.addEventListener('change', () => {
      const f = input.files?.[0];
      input.remove();
      resolve(f ? { path: URL.createObjectURL(f), name: f.name, blob: f } : null);
    });
    document.body.appendChild(input);
    input.click();
  });
}

export const uploadAudio = (r: Recording, key: string = newIdempotencyKey()) => uploadFile<AudioUpload>('/api/audio', r, { idempotencyKey: key });
