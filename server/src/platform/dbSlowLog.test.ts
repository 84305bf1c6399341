import { Types } from 'mongoose';
import { commandShape } from './dbSlowLog';

describe('slow command log shapes', () => {
  it('tells a point read from a scan, and carries no value', () => {
    expect(commandShape('find', { find: 'users', filter: { _id: 'u1' } })).toBe('{_id:?}');
    const scan = commandShape('find', {
      find: 'log',
      filter: { consultationId: new Types.ObjectId(), seq: { $gt: 5 }, phone: '13800001234', kind: { $in: ['a', 'b'] } },
      sort: { seq: 1 },
    });
    expect(scan).toBe('{consultationId:?,seq:{$gt:?},phone:?,kind:{$in:[2]}} sort{seq:?}');
    expect(scan).not.toMatch(/1380|\b5\b/);
  });

  it('names updates, deletes and pipelines by their first filter and stages', () => {
    expect(commandShape('update', { update: 'x', updates: [{ q: { a: 1 } }, { q: { a: 2 } }] })).toBe('{a:?} ×2');
    expect(commandShape('aggregate', { aggregate: 'x', pipeline: [{ $match: { complexId: 'c', $or: [{ a: 1 }, { b: 2 }] } }, { $group: {} }] })).toBe(
      '$match|$group {complexId:?,$or:[2]}',
    );
    expect(commandShape('insert', { insert: 'x', documents: [{}, {}, {}] })).toBe('×3');
  });
});
