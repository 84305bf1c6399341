import { inflateRawSync } from 'node:zlib';
import { AppError, thrownLike } from './errors';

/*
 * Office files are zips: a 10 MB upload may inflate to gigabytes. Before any parser sees one, the central directory
 * is read (declared sizes, entry count) and every entry is inflated with a hard output cap, so a lying header
 * cannot get past either. Returns the inflated entries for callers that count things in them (rows).
 */
export interface ZipLimits {
  maxEntries: number;
  maxEntryBytes: number;
  maxTotalBytes: number;
  /** only the directory's sizes */ declaredOnly?: boolean;
}

const tooBig = (what: string) => new AppError(413, 'FILE_INFLATES_TOO_LARGE', `文件解压后过大（${what}），请拆分后上传`);
const unreadable = () => new AppError(400, 'ZIP_UNREADABLE', '压缩文件已损坏或格式不正确');

export function inflateZipWithin(buffer: Buffer, limits: ZipLimits): Map<string, Buffer> {
  // End of central directory: the last 22+ bytes (a comment of up to 64 KB may follow it).
  let eocd = -1;
  for (let i = buffer.length - 22; i >= Math.max(0, buffer.length - 22 - 0xffff); i--) {
    if (buffer.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw unreadable();
  const count = buffer.readUInt16LE(eocd + 10);
  let at = buffer.readUInt32LE(eocd + 16);
  if (count > limits.maxEntries) throw tooBig(`${count} 个部件`);
  const out = new Map<string, Buffer>();
  let total = 0;
  for (let n = 0; n < count; n++) {
    if (at + 46 > buffer.length || buffer.readUInt32LE(at) !== 0x02014b50) throw unreadable();
    const method = buffer.readUInt16LE(at + 10);
    const compressed = buffer.readUInt32LE(at + 20);
    const declared = buffer.readUInt32LE(at + 24);
    const nameLen = buffer.readUInt16LE(at + 28);
    const extraLen = buffer.readUInt16LE(at + 30);
    const commentLen = buffer.readUInt16LE(at + 32);
    const local = buffer.readUInt32LE(at + 42);
    const name = buffer.subarray(at + 46, at + 46 + nameLen).toString('utf8');
    at += 46 + nameLen + extraLen + commentLen;
    if (declared > limits.maxEntryBytes || total + declared > limits.maxTotalBytes) throw tooBig(name);
    if (limits.declaredOnly) {
      total += declared;
      continue;
    }
    if (local + 30 > buffer.length || buffer.readUInt32LE(local) !== 0x04034b50) throw unreadable();
    const start = local + 30 + buffer.readUInt16LE(local + 26) + buffer.readUInt16LE(local + 28);
    const data = buffer.subarray(start, start + compressed);
    let body: Buffer;
    if (method === 0) body = data;
    else if (method === 8) {
      try {
        body = inflateRawSync(data, { maxOutputLength: Math.min(limits.maxEntryBytes, limits.maxTotalBytes - total) + 1 });
      } catch (e) {
        if (thrownLike(e).code === 'ERR_BUFFER_TOO_LARGE' || e instanceof RangeError) throw tooBig(name);
        throw unreadable();
      }
    } else throw unreadable();
    if (body.length > limits.maxEntryBytes || total + body.length > limits.maxTotalBytes) throw tooBig(name);
    total += body.length;
    out.set(name, body);
  }
  return out;
}
