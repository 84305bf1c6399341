import { useCallback, useRef, useState } from 'react';
import type { MessageKey } from '../../i18n/zh';
import { errorMessage } from '../../services/api';
import { acceptPhotos, choosePhotos, PHOTO_MAX_BYTES, type PickedPhoto } from '../../services/uploads';

/** One photo of a form: picked and (when the form uploads as it goes) sent, or already stored on the server. */
export interface PhotoSlot {
  key: string;
  /** A local path to show; absent for photos already on the server (shown by file id). */
  local?: PickedPhoto;
  fileId?: string;
  state: 'uploading' | 'done' | 'failed' | 'ready';
  error?: string;
}

export interface PhotosOptions {
  max: number;
  maxBytes?: number;
  /** Sends one photo and resolves with its file id. Without it photos stay local ('ready') until the form posts them. */
  upload?: (photo: PickedPhoto) => Promise<string>;
  initialFileIds?: string[];
  /** Stand-in for the platform chooser (component tests). */
  choose?: (count: number) => Promise<PickedPhoto[]>;
}

let seq = 0;
const nextKey = () => `p${++seq}`;

/** State of a form's photos: add with limits, upload each at once, retry, remove. */
export function usePhotos({ max, maxBytes = PHOTO_MAX_BYTES, upload, initialFileIds = [], choose = choosePhotos }: PhotosOptions) {
  const [slots, setSlots] = useState<PhotoSlot[]>(() => initialFileIds.map((fileId) => ({ key: nextKey(), fileId, state: 'done' as const })));
  const [problem, setProblem] = useState<MessageKey | null>(null);
  const live = useRef(slots);
  live.current = slots;

  const patch = (key: string, p: Partial<PhotoSlot>) => setSlots((all) => all.map((s) => (s.key === key ? { ...s, ...p } : s)));
  const send = useCallback(
    async (slot: PhotoSlot) => {
      if (!upload || !slot.local) return;
      patch(slot.key, { state: 'uploading', error: undefined });
      try {
        const fileId = await upload(slot.local);
        patch(slot.key, { state: 'done', fileId });
      } catch (e) {
        patch(slot.key, { state: 'failed', error: errorMessage(e) });
      }
    },
    [upload],
  );

  const add = async () => {
    setProblem(null);
    const room = max - live.current.length;
    if (room <= 0) {
      setProblem('photo.err.tooMany');
      return;
    }
    const picked = await choose(room);
    if (picked.length === 0) return;
    const { kept, problem: p } = acceptPhotos(picked, room, maxBytes);
    setProblem(p);
    const added = kept.map((local) => ({ key: nextKey(), local, state: upload ? ('uploading' as const) : ('ready' as const) }));
    setSlots((all) => [...all, ...added]);
    added.forEach((s) => void send(s));
  };

  const remove = (key: string) => {
    setProblem(null);
    setSlots((all) => all.filter((s) => s.key !== key));
  };
  const retry = (key: string) => {
    const s = live.current.find((x) => x.key === key);
    if (s) void send(s);
  };
  const reset = () => {
    setSlots([]);
    setProblem(null);
  };

  return {
    slots,
    problem,
    add,
    remove,
    retry,
    reset,
    max,
    maxBytes,
    fileIds: slots.filter((s) => s.state === 'done' && s.fileId).map((s) => s.fileId!),
    busy: slots.some((s) => s.state === 'uploading'),
    failed: slots.some((s) => s.state === 'failed'),
  };
}
export type Photos = ReturnType<typeof usePhotos>;
