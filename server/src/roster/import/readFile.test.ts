import { closeWorkers } from '../../platform/workerPool';
import { parseSample, warmRosterParser } from './readFile';

afterAll(async () => {
  await closeWorkers();
});

it('the warm-up workbook is read as a roster of one row, in the process and in the parser worker', async () => {
  await expect(parseSample()).resolves.toBe(1);
  await expect(warmRosterParser()).resolves.toBeUndefined();
}, 60_000);
