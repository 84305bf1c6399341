import { ignoreDuplicate, isDuplicateKey } from './store';

// The shapes the MongoDB driver and FerretDB hand back for a refused unique insert, single and bulk.
describe('isDuplicateKey', () => {
  it('recognises a single duplicate-key error and nothing else', () => {
    expect(isDuplicateKey({ code: 11000, message: 'E11000 duplicate key error' })).toBe(true);
    expect(isDuplicateKey({ code: 112 })).toBe(false);
    expect(isDuplicateKey(new Error('E11000 in the text only'))).toBe(false);
    expect(isDuplicateKey(null)).toBe(false);
    expect(isDuplicateKey('11000')).toBe(false);
  });

  it('a bulk insert counts as duplicate only when every refused row was a duplicate', () => {
    expect(isDuplicateKey({ code: 11000, writeErrors: [{ code: 11000 }, { err: { code: 11000 } }] })).toBe(true);
    expect(isDuplicateKey({ writeErrors: { code: 11000 } })).toBe(true);
    expect(isDuplicateKey({ code: 11000, writeErrors: [{ code: 11000 }, { code: 121 }] })).toBe(false);
    expect(isDuplicateKey({ writeErrors: [] })).toBe(false);
  });

  it('ignoreDuplicate turns a duplicate into the fallback and rethrows the rest', async () => {
    await expect(Promise.reject({ code: 11000 }).catch(ignoreDuplicate('kept'))).resolves.toBe('kept');
    await expect(Promise.reject(new Error('down')).catch(ignoreDuplicate('kept'))).rejects.toThrow('down');
  });
});
