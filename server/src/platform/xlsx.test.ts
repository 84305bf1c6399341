import ExcelJS from 'exceljs';
import { closeWorkers } from './workerPool';
import { workbookBuffer, type SheetSpec } from './xlsx';

afterAll(() => closeWorkers());

const sheet = (n: number): SheetSpec => ({
  name: '项目清单',
  heading: ['2026 年度 拉萨市城关区'],
  columns: [
    { header: '小区', key: 'complex' },
    { header: '投资（元）', key: 'yuan', numFmt: '#,##0.00' },
  ],
  rows: Array.from({ length: n }, (_, i) => ({ complex: `幸福小区${i + 1}`, yuan: (i + 1) * 100.25 })),
});

async function cells(buf: Buffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ArrayBuffer);
  const ws = wb.getWorksheet('项目清单')!;
  return { rows: ws.rowCount, last: ws.getRow(ws.rowCount).values as unknown[], header: ws.getRow(2).values as unknown[] };
}

describe('project exports', () => {
  it('a large export (built in a worker thread) has the same cells as a small one built in place', async () => {
    const small = await cells(await workbookBuffer([sheet(3)]));
    expect(small).toMatchObject({ rows: 5, header: [undefined, '小区', '投资（元）'], last: [undefined, '幸福小区3', 300.75] });
    const large = await cells(await workbookBuffer([sheet(1200)]));
    expect(large).toMatchObject({ rows: 1202, header: [undefined, '小区', '投资（元）'], last: [undefined, '幸福小区1200', 120300] });
  }, 60_000);
});
