import ExcelJS from 'exceljs';
import { badRequest } from '../../platform/errors';
import { runInWorker } from '../../platform/workerPool';
import { inflateZipWithin } from '../../platform/zipLimits';

/** A data row as read from the file: the sheet's row number and each cell as text, keyed by the header text. */
export interface RawRow {
  rowNumber: number;
  cells: string[];
}
export interface RawTable {
  headerRow: number;
  header: string[];
  rows: RawRow[];
}

const MAX_ROWS = 5000;

function cellText(v: ExcelJS.CellValue | undefined): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number') {
    // Excel keeps 15 significant digits: an 18-digit ID typed as a number is already corrupted.
    return Number.isInteger(v) && Math.abs(v) >= 1e15 ? '#数值过长#' : String(v);
  }
  if (typeof v === 'boolean') return v ? '是' : '否';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    if ('richText' in v && Array.isArray(v.richText)) return v.richText.map((r) => r.text).join('');
    if ('formula' in v || 'sharedFormula' in v) return cellText((v as { result?: ExcelJS.CellValue }).result);
    if ('hyperlink' in v) return String((v as { text?: unknown }).text ?? '');
    if ('error' in v) return '#错误#';
  }
  return String(v);
}

/** A roster of 5,000 rows is a few MB of sheet XML; anything far beyond is refused before it is parsed. */
const ZIP_LIMITS = { maxEntries: 200, maxEntryBytes: 40 * 1024 * 1024, maxTotalBytes: 60 * 1024 * 1024 };

function countRows(xml: Buffer): number {
  let n = 0;
  for (let i = xml.indexOf('<row'); i >= 0; i = xml.indexOf('<row', i + 4)) n++;
  return n;
}

async function readXlsx(buffer: Buffer): Promise<string[][]> {
  // Limits while inflating, then rows counted in the raw sheet XML: both before ExcelJS builds anything.
  const parts = inflateZipWithin(buffer, ZIP_LIMITS);
  for (const [name, xml] of parts) {
    if (/^xl\/worksheets\/[^/]+\.xml$/.test(name) && countRows(xml) > MAX_ROWS + 50) {
      throw badRequest('ROSTER_TOO_LARGE', `名册最多 ${MAX_ROWS} 行，请按小区拆分后导入`);
    }
  }
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(buffer as unknown as ExcelJS.Buffer);
  } catch {
    throw badRequest('ROSTER_FILE_UNREADABLE', '无法读取 Excel 文件，请确认文件为 .xlsx 格式');
  }
  const ws = wb.getWorksheet('名册') ?? wb.worksheets[0];
  if (!ws) throw badRequest('ROSTER_FILE_EMPTY', '文件中没有工作表');
  const out: string[][] = [];
  ws.eachRow({ includeEmpty: true }, (row, n) => {
    if (n > MAX_ROWS + 50) return;
    const cells: string[] = [];
    row.eachCell({ includeEmpty: true }, (cell, col) => {
      cells[col - 1] = cellText(cell.value).trim();
    });
    out[n - 1] = Array.from(cells, (c) => c ?? '');
  });
  return Array.from(out, (r) => r ?? []);
}

function decodeText(buffer: Buffer): string {
  if (buffer[0] === 0xef && buffer[1] === 0xbb && buffer[2] === 0xbf) return buffer.subarray(3).toString('utf8');
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(buffer);
  } catch {
    // Excel on Chinese Windows saves CSV as GB18030/GBK.
    return new TextDecoder('gb18030').decode(buffer);
  }
}

/** RFC 4180 CSV (quotes, doubled quotes, CRLF); tab-separated when the first line has tabs and no commas. */
export function parseCsv(text: string): string[][] {
  const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
  const sep = firstLine.includes('\t') && !firstLine.includes(',') ? '\t' : ',';
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === sep) {
      row.push(field.trim());
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field.trim());
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || row.length > 0) {
    row.push(field.trim());
    rows.push(row);
  }
  return rows;
}

const isXlsx = (b: Buffer) => b.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]));

/**
 * Reads an XLSX or CSV roster into header + rows. An XLSX (and a large CSV) is parsed in a worker thread: the event
 * loop keeps serving votes and /healthz, and a decompression bomb meets the worker's heap cap, not the server's.
 */
export async function readRosterFile(buffer: Buffer): Promise<RawTable> {
  if (buffer.length === 0) throw badRequest('ROSTER_FILE_EMPTY', '文件为空');
  if (!isXlsx(buffer) && buffer.length < 512 * 1024) return parseRosterFile(buffer);
  if (isXlsx(buffer)) inflateZipWithin(buffer, { ...ZIP_LIMITS, declaredOnly: true }); // header sizes: refused at once
  return runInWorker<RawTable>(__filename, 'parseRosterFile', [buffer], { timeoutMs: 60_000 });
}

/**
 * Starts a parser worker and runs a two-row workbook through it, after the server starts: the first import then finds
 * tsx, ExcelJS and the parse compiled (about 1.5 s of CPU, taken beside the votes of that import otherwise).
 */
export async function warmRosterParser(): Promise<void> {
  await runInWorker(__filename, 'parseSample', [], { timeoutMs: 120_000 });
}

/** In the worker: a small workbook built and read as a roster is. */
export async function parseSample(): Promise<number> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('名册');
  ws.addRow(['楼栋', '单元', '房号']);
  ws.addRow(['1', '1', '101']);
  return (await parseRosterFile(Buffer.from(await wb.xlsx.writeBuffer()))).rows.length;
}

/** The parse itself (in a worker for XLSX: `input` arrives there as a Uint8Array). */
export async function parseRosterFile(input: Uint8Array): Promise<RawTable> {
  const buffer = Buffer.isBuffer(input) ? input : Buffer.from(input.buffer, input.byteOffset, input.byteLength);
  if (buffer.length === 0) throw badRequest('ROSTER_FILE_EMPTY', '文件为空');
  let grid: string[][];
  if (isXlsx(buffer)) grid = await readXlsx(buffer);
  else if (buffer.subarray(0, 4).equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0]))) {
    throw badRequest('ROSTER_FILE_UNSUPPORTED', '不支持旧版 .xls 文件，请另存为 .xlsx 或 .csv 后上传');
  } else if (buffer.includes(0)) {
    throw badRequest('ROSTER_FILE_UNSUPPORTED', '文件格式不支持，请上传 .xlsx 或 .csv 文件');
  } else grid = parseCsv(decodeText(buffer));

  const blank = (r: string[]) => r.every((c) => !c || !c.trim());
  const headerIdx = grid.findIndex((r) => !blank(r));
  if (headerIdx < 0) throw badRequest('ROSTER_FILE_EMPTY', '文件中没有内容');
  const rows: RawRow[] = [];
  for (let i = headerIdx + 1; i < grid.length; i++) {
    if (!blank(grid[i])) rows.push({ rowNumber: i + 1, cells: grid[i] });
  }
  if (rows.length > MAX_ROWS) throw badRequest('ROSTER_TOO_LARGE', `名册最多 ${MAX_ROWS} 行，请按小区拆分后导入`);
  return { headerRow: headerIdx + 1, header: grid[headerIdx].map((h) => (h ?? '').trim()), rows };
}
