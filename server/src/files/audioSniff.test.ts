import { sniffAudio } from './audioSniff';

// Containers built byte by byte: the length must come from the header fields a real encoder writes.
const u32be = (n: number) => {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n);
  return b;
};
const box = (type: string, ...parts: Buffer[]) => {
  const body = Buffer.concat(parts);
  return Buffer.concat([u32be(8 + body.length), Buffer.from(type, 'latin1'), body]);
};

function mp4(handler: string, timescale: number, duration: number) {
  const mvhd = box('mvhd', Buffer.alloc(4), Buffer.alloc(8), u32be(timescale), u32be(duration), Buffer.alloc(80));
  const hdlr = box('hdlr', Buffer.alloc(8), Buffer.from(handler, 'latin1'), Buffer.alloc(12));
  return Buffer.concat([box('ftyp', Buffer.from('M4A \0\0\0\0M4A mp42', 'latin1')), box('moov', mvhd, box('trak', box('mdia', hdlr)))]);
}

function oggPage(granule: bigint, payload: Buffer) {
  const head = Buffer.alloc(27);
  head.write('OggS', 0, 'latin1');
  head.writeBigInt64LE(granule, 6);
  head[26] = 1;
  return Buffer.concat([head, Buffer.from([payload.length]), payload]);
}

const ebml = (id: number[], data: Buffer) => Buffer.concat([Buffer.from(id), Buffer.from([0x80 | data.length]), data]);
function webm(lastBlockMs: number) {
  const header = ebml([0x1a, 0x45, 0xdf, 0xa3], ebml([0x42, 0x82], Buffer.from('webm')));
  const audioTrack = ebml([0x16, 0x54, 0xae, 0x6b], ebml([0xae], ebml([0x83], Buffer.from([2]))));
  const block = (ms: number) => ebml([0xa3], Buffer.from([0x81, (ms >> 8) & 0xff, ms & 0xff, 0x80, 0, 0]));
  const cluster = (t: number, ...blocks: Buffer[]) =>
    Buffer.concat([Buffer.from([0x1f, 0x43, 0xb6, 0x75, 0x01, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]), ebml([0xe7], u32be(t)), ...blocks]);
  // a streamed segment: unknown sizes, no Duration in Info
  const segment = Buffer.from([0x18, 0x53, 0x80, 0x67, 0x01, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]);
  return Buffer.concat([header, segment, audioTrack, cluster(0, block(0), block(20)), cluster(lastBlockMs - 20, block(0), block(20))]);
}

it('reads MP4/M4A length from mvhd and refuses a video', () => {
  expect(sniffAudio(mp4('soun', 44100, 44100 * 3))).toEqual({ contentType: 'audio/mp4', durationMs: 3000 });
  expect(sniffAudio(mp4('vide', 600, 1200))).toBeNull();
});

it('reads Ogg Opus length from the last granule, minus the pre-skip', () => {
  const head = Buffer.concat([Buffer.from('OpusHead', 'latin1'), Buffer.from([1, 1]), Buffer.from([0x38, 0x01]), Buffer.alloc(8)]); // pre-skip 312
  const ogg = Buffer.concat([oggPage(0n, head), oggPage(0n, Buffer.from('OpusTags')), oggPage(48_000n * 4n + 312n, Buffer.alloc(10))]);
  expect(sniffAudio(ogg)).toEqual({ contentType: 'audio/ogg', durationMs: 4000 });
  expect(sniffAudio(oggPage(100n, Buffer.from('not a codec header')))).toEqual({ contentType: 'audio/ogg', durationMs: null });
});

it('reads a MediaRecorder WebM (no Duration, unknown sizes) from its last block', () => {
  expect(sniffAudio(webm(5000))).toEqual({ contentType: 'audio/webm', durationMs: 5000 });
});

it('is not fooled by names: text, a lone MPEG sync word, and a truncated WAV header are not clips', () => {
  expect(sniffAudio(Buffer.from('ID3 but really a text file with no frames at all'))).toBeNull();
  expect(sniffAudio(Buffer.concat([Buffer.from([0xff, 0xfb, 0x90, 0x64]), Buffer.alloc(40)]))).toBeNull();
  expect(sniffAudio(Buffer.from('RIFF\0\0\0\0WAVEjunk', 'latin1'))).toEqual({ contentType: 'audio/wav', durationMs: null });
});
