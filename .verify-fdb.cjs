const mongoose = require('mongoose');
(async () => {
  await mongoose.connect('mongodb://127.0.0.1:27999/verify');
  const S = new mongoose.Schema({ key: { type: String, unique: true }, n: Number, g: String });
  const M = mongoose.model('Thing', S);
  await M.init();
  console.log('indexes', JSON.stringify(await M.collection.indexes()));
  await M.create({ key: 'a', n: 1, g: 'x' });
  await M.create({ key: 'b', n: 2, g: 'x' });
  await M.create({ key: 'c', n: 5, g: 'y' });
  try { await M.create({ key: 'a', n: 9 }); console.log('DUP NOT REJECTED'); } catch (e) { console.log('dup rejected', e.code, e.message.slice(0, 120)); }
  const r = await M.findOneAndUpdate({ key: 'a' }, { $inc: { n: 10 } }, { new: true });
  console.log('inc', r.n);
  const up = await M.findOneAndUpdate({ key: 'z' }, { $inc: { n: 1 }, $setOnInsert: { g: 'z' } }, { upsert: true, new: true });
  console.log('upsert', up.key, up.n, up.g);
  console.log('agg', JSON.stringify(await M.aggregate([{ $match: {} }, { $group: { _id: '$g', total: { $sum: '$n' }, c: { $sum: 1 } } }, { $sort: { _id: 1 } }])));
  const admin = mongoose.connection.db.admin();
  console.log('buildInfo', (await admin.buildInfo()).version);
  for (const [name, pipeline] of [['avg', [{ $group: { _id: null, a: { $avg: '$n' } } }]], ['lookup', [{ $lookup: { from: 'x', localField: 'a', foreignField: 'b', as: 'c' } }]], ['addFields', [{ $addFields: { z: 1 } }]]]) {
    try { await M.aggregate(pipeline); console.log(name, 'ok'); } catch (e) { console.log(name, 'unsupported:', e.codeName || e.code, e.message.slice(0, 100)); }
  }
  try { const s = await mongoose.connection.startSession(); await s.withTransaction(async () => { await M.create([{ key: 'tx', n: 1 }], { session: s }); }); console.log('txn ok?'); } catch (e) { console.log('txn', e.message.slice(0, 120)); }
  try { await M.collection.createIndex({ t: 1 }, { expireAfterSeconds: 10 }); console.log('ttl ok?'); } catch (e) { console.log('ttl', e.message.slice(0, 120)); }
  try { await M.collection.createIndex({ p: 1 }, { partialFilterExpression: { p: { $exists: true } } }); console.log('partial ok?'); } catch (e) { console.log('partial', e.message.slice(0, 120)); }
  await mongoose.connection.db.dropDatabase();
  await mongoose.disconnect();
})().catch((e) => { console.error('FAIL', e); process.exit(1); });
