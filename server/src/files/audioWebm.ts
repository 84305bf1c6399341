/**
 * WebM (Matroska) length without a decoder. Browsers' MediaRecorder streams its output, so the Info element has no
 * Duration and clusters may have an unknown size: the length is the latest block time (cluster time + the block's
 * 16-bit offset) times the timecode scale. Master elements are entered, every other element is skipped by its size.
 */
const MASTERS = new Set([0x1a45dfa3, 0x18538067, 0x1549a966, 0x1654ae6b, 0xae, 0x1f43b675, 0xa0]);
const ID = { timecodeScale: 0x2ad7b1, duration: 0x4489, clusterTime: 0xe7, simpleBlock: 0xa3, block: 0xa1, trackType: 0x83, docType: 0x4282 };

function vint(b: Buffer, at: number, keepMarker: boolean): { value: number; length: number; unknown: boolean } | null {
  const first = b[at];
  if (first === undefined || first === 0) return null;
  const length = Math.clz32(first) - 23;
  if (length > 8 || at + length > b.length) return null;
  let value = keepMarker ? first : first & (0xff >> length);
  let allOnes = value === 0xff >> length;
  for (let i = 1; i < length; i++) {
    value = value * 256 + b[at + i];
    if (b[at + i] !== 0xff) allOnes = false;
  }
  return { value, length, unknown: !keepMarker && allOnes };
}

const uint = (b: Buffer, at: number, n: number) => {
  let v = 0;
  for (let i = 0; i < n; i++) v = v * 256 + b[at + i];
  return v;
};

export function webmDurationMs(b: Buffer): { durationMs: number | null; video: boolean } {
  let scale = 1_000_000; // ns per tick
  let infoDuration = 0;
  let cluster = 0;
  let latest = -1;
  let video = false;
  let webm = false;
  for (let at = 0; at < b.length;) {
    const id = vint(b, at, true);
    if (!id) break;
    const size = vint(b, at + id.length, false);
    if (!size) break;
    const data = at + id.length + size.length;
    if (MASTERS.has(id.value)) {
      at = data;
      continue;
    }
    if (size.unknown || data + size.value > b.length) break; // cut short: what was read so far counts
    const n = size.value;
    if (id.value === ID.docType) webm = ['webm', 'matroska'].includes(b.toString('latin1', data, data + n));
    else if (id.value === ID.timecodeScale) scale = uint(b, data, n);
    else if (id.value === ID.duration) infoDuration = n === 4 ? b.readFloatBE(data) : n === 8 ? b.readDoubleBE(data) : 0;
    else if (id.value === ID.clusterTime) cluster = uint(b, data, n);
    else if (id.value === ID.trackType && b[data] === 1) video = true;
    else if (id.value === ID.simpleBlock || id.value === ID.block) {
      const track = vint(b, data, false);
      if (track && n >= track.length + 2) latest = Math.max(latest, cluster + b.readInt16BE(data + track.length));
    }
    at = data + n;
  }
  if (!webm) return { durationMs: null, video: true }; // an EBML file that is not WebM is not a clip we take
  const ticks = Math.max(infoDuration, latest);
  return { durationMs: ticks > 0 && Number.isFinite(ticks) ? Math.round((ticks * scale) / 1e6) : null, video };
}
