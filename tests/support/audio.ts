/**
 * Tiny real audio files for tests: 8-bit mono PCM WAV (a quiet ~440 Hz tone) of a given length, and an MP3 made of
 * silent MPEG-1 Layer III frames. Both play in Chromium; the server reads their length from the header / frames.
 */
export function wavBytes(ms: number, rate = 8000): Buffer {
  const samples = Math.round((rate * ms) / 1000);
  const b = Buffer.alloc(44 + samples);
  b.write('RIFF', 0, 'latin1');
  b.writeUInt32LE(36 + samples, 4);
  b.write('WAVEfmt ', 8, 'latin1');
  b.writeUInt32LE(16, 16);
  b.writeUInt16LE(1, 20); // PCM
  b.writeUInt16LE(1, 22); // mono
  b.writeUInt32LE(rate, 24);
  b.writeUInt32LE(rate, 28); // byte rate: 1 byte per sample
  b.writeUInt16LE(1, 32);
  b.writeUInt16LE(8, 34);
  b.write('data', 36, 'latin1');
  b.writeUInt32LE(samples, 40);
  // One cycle repeated by a native fill: a sample loop over megabytes is slow enough on a busy machine for the
  // server's 5 s keep-alive to close the idle connection under the next request.
  const cycle = Buffer.from(Array.from({ length: Math.round(rate / 440) }, (_, i) => 128 + Math.round(20 * Math.sin((2 * Math.PI * i * 440) / rate))));
  b.fill(cycle, 44);
  return b;
}

/** `frames` MPEG-1 Layer III frames at 128 kbps / 44.1 kHz (417 bytes, 1152 samples ≈ 26.1 ms each). */
export function mp3Bytes(frames: number): Buffer {
  const frame = Buffer.alloc(417);
  frame.set([0xff, 0xfb, 0x90, 0x64]);
  return Buffer.concat(Array.from({ length: frames }, () => frame));
}
