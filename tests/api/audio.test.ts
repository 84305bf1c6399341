// Listening instead of reading (issue 15): staff attach short voice clips in Tibetan and/or Chinese to a notice, a
// vote and each question. The bytes decide the type, the container the length; a clip plays for whoever may read
// the text it belongs to, and it changes only on a draft vote or by a notice amendment (audited either way).
import { AuditLog } from '../../server/src/identity/audit';
import { startTestServer, type TestServer } from '../support/server';
import { person, seedAreas, seedDwellings, shortLeadTime, type Person } from '../support/consultations';
import { upload } from '../support/notices';
import { mp3Bytes, wavBytes } from '../support/audio';

let s: TestServer;
let committee: Person, resident: Person, otherResident: Person;

beforeAll(async () => {
  s = await startTestServer({ DB_PREFIX: 'audio', JOBS: 'false' });
  const [q101, z101] = await seedDwellings(await seedAreas(), [
    { entrance: 'QB1U1', room: '101', area: 8000 },
    { entrance: 'ZB1U1', room: '101', area: 8000 },
  ]);
  const admin = await person({ grants: [{ role: 'admin', scope: 'root' }] });
  committee = await person({ grants: [{ role: 'committee', scope: 'Q' }] });
  resident = await person({ owns: [q101] });
  otherResident = await person({ owns: [z101] }); // complex Z
  await shortLeadTime(s, admin.token);
});
afterAll(async () => {
  await s.stop();
});

const clip = (bytes: Buffer, name = 'voice.wav', type = 'audio/wav', token = committee.token) => upload(s, '/api/audio', token, { bytes, name, type });
const play = (fileId: string, who: Person) => fetch(`${s.url}/api/files/${fileId}`, { headers: { authorization: `Bearer ${who.token}` } });

it('takes a real recording and reads its length from the file, whatever it is called', async () => {
  const wav = await clip(wavBytes(2000), 'anything.bin', 'application/octet-stream');
  expect(wav.status).toBe(201);
  expect(wav.body).toMatchObject({ contentType: 'audio/wav', durationMs: 2000 });
  expect(wav.body.fileId).toMatch(/^[0-9a-f]{32}$/);
  const mp3 = await clip(mp3Bytes(100), 'voice.mp3', 'audio/mpeg');
  expect(mp3.status).toBe(201);
  expect(mp3.body).toMatchObject({ contentType: 'audio/mpeg', durationMs: 2612 }); // 100 × 1152 / 44100 s
});

it('refuses a renamed non-audio file, an oversize and an overlong clip, and residents, with codes and Chinese messages', async () => {
  const text = await clip(Buffer.from('这不是录音，只是改了名字的文本文件。'.repeat(20)), 'voice.mp3', 'audio/mpeg');
  expect(text.status).toBe(415);
  expect(text.body.error.code).toBe('AUDIO_TYPE_NOT_ALLOWED');
  expect(text.body.error.message).toMatch(/录音/);
  const png = await clip(
    Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64'),
    'voice.wav',
  );
  expect(png.body.error.code).toBe('AUDIO_TYPE_NOT_ALLOWED');
  const big = await clip(wavBytes(100_000, 22050)); // 2.2 MB
  expect(big.status).toBe(413);
  expect(big.body.error.code).toBe('AUDIO_TOO_LARGE');
  const long = await clip(wavBytes(121_000, 8000)); // 0.97 MB, 121 s
  expect(long.status).toBe(413);
  expect(long.body.error).toMatchObject({ code: 'AUDIO_TOO_LONG', details: { durationMs: 121_000, maxMs: 120_000 } });
  const short = await clip(wavBytes(200));
  expect(short.body.error.code).toBe('AUDIO_TOO_SHORT');
  const byResident = await clip(wavBytes(2000), 'voice.wav', 'audio/wav', resident.token);
  expect(byResident.status).toBe(403);
});

const voteBody = (audio: unknown[]) => ({
  kind: 'whether',
  title: '是否改造',
  titleBo: 'བཅོས་སྒྱུར་བྱེད་དམ།',
  complexCode: 'Q',
  electorate: { level: 'complex' },
  leadTimeHours: 0,
  questions: [{ id: 'renovate', title: '是否同意', titleBo: 'མོས་མཐུན་ཡོད་དམ།', format: 'yes_no', rule: 'civil_major' }],
  opensAt: new Date(Date.now() + 1500).toISOString(),
  closesAt: new Date(Date.now() + 7_200_000).toISOString(),
  audio,
});

it('a vote: clips for the whole vote and a question in both languages; changed only on the draft; residents of the complex play them', async () => {
  const bo = (await clip(wavBytes(1500))).body.fileId as string;
  const zh = (await clip(wavBytes(1000))).body.fileId as string;
  const q = (await clip(wavBytes(800))).body.fileId as string;
  const bad = await s.api('/api/consultations', { token: committee.token, body: voteBody([{ target: 'question:nope', lang: 'bo', fileId: q }]) });
  expect(bad.status).toBe(422);
  expect(bad.body.error.code).toBe('AUDIO_TARGET_UNKNOWN');

  const c = await s.api('/api/consultations', {
    token: committee.token,
    body: voteBody([
      { target: 'main', lang: 'bo', fileId: bo },
      { target: 'main', lang: 'zh', fileId: zh },
    ]),
  });
  expect(c.status).toBe(201);
  expect(c.body.audio).toEqual(
    expect.arrayContaining([expect.objectContaining({ target: 'main', lang: 'bo', fileId: bo, durationMs: 1500, url: `/api/files/${bo}` })]),
  );
  const id = c.body.id as string;
  // the draft: the Chinese clip goes, a Tibetan clip for the question comes (both audited)
  const edit = await s.api(`/api/consultations/${id}`, {
    method: 'PATCH',
    token: committee.token,
    body: {
      audio: [
        { target: 'main', lang: 'bo', fileId: bo },
        { target: 'question:renovate', lang: 'bo', fileId: q },
      ],
    },
  });
  expect(edit.status).toBe(200);
  expect(edit.body.audio.map((a: { target: string; lang: string }) => `${a.target}/${a.lang}`).sort()).toEqual(['main/bo', 'question:renovate/bo']);
  const trail = await AuditLog.find({ targetType: 'consultation', targetId: id, action: /^audio\./ }).lean();
  expect(trail.map((t) => `${t.action} ${(t.details as { target: string }).target}/${(t.details as { lang: string }).lang}`).sort()).toEqual([
    'audio.attach main/bo',
    'audio.attach main/zh',
    'audio.attach question:renovate/bo',
    'audio.detach main/zh',
  ]);

  // one upload never shows on two objects
  const twice = await s.api('/api/consultations', { token: committee.token, body: voteBody([{ target: 'main', lang: 'bo', fileId: bo }]) });
  expect(twice.status).toBe(422);
  expect(twice.body.error.code).toBe('AUDIO_NOT_FOUND');

  expect((await play(bo, resident)).status).toBe(404); // a draft is not shown to residents yet
  expect((await s.api(`/api/consultations/${id}/schedule`, { method: 'POST', token: committee.token })).status).toBe(200);
  const late = await s.api(`/api/consultations/${id}`, { method: 'PATCH', token: committee.token, body: { audio: [] } });
  expect(late.status).toBe(409); // scheduled: the announced terms (and their recordings) are fixed
  expect((await s.api(`/api/consultations/${id}`, { token: committee.token })).body.audio).toHaveLength(2);

  const res = await play(bo, resident);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toBe('audio/wav');
  expect(Buffer.from(await res.arrayBuffer()).equals(wavBytes(1500))).toBe(true);
  expect((await play(q, resident)).status).toBe(200);
  const other = await play(bo, otherResident);
  expect(other.status).toBe(404); // another complex: the same answer as an unknown file
  expect((await other.json()).error.code).toBe('FILE_NOT_FOUND');
});

it('a notice: a Tibetan clip at publication, changed by amendment only, played by its audience and nobody else', async () => {
  const first = (await clip(wavBytes(1200))).body.fileId as string;
  const n = await s.api('/api/notices', {
    token: committee.token,
    body: {
      kind: 'general',
      audience: { type: 'area', code: 'Q' },
      title: '停水通知',
      body: '<p>周六停水</p>',
      audio: [{ target: 'main', lang: 'bo', fileId: first }],
    },
  });
  expect(n.status).toBe(201);
  const detail = await s.api(`/api/notices/${n.body.id}`, { token: resident.token });
  expect(detail.body.audio).toEqual([expect.objectContaining({ target: 'main', lang: 'bo', fileId: first, contentType: 'audio/wav', durationMs: 1200 })]);
  expect((await play(first, resident)).status).toBe(200);
  expect((await play(first, otherResident)).status).toBe(404);

  const notQuestion = await s.api(`/api/notices/${n.body.id}/amendments`, {
    token: committee.token,
    body: { reason: '补充录音', audio: [{ target: 'question:x', lang: 'zh', fileId: first }] },
  });
  expect(notQuestion.body.error?.code).toBe('AUDIO_TARGET_UNKNOWN');
  const second = (await clip(wavBytes(900))).body.fileId as string;
  const amended = await s.api(`/api/notices/${n.body.id}/amendments`, {
    token: committee.token,
    body: { reason: '重新录制藏语朗读', audio: [{ target: 'main', lang: 'bo', fileId: second }] },
  });
  expect(amended.status).toBe(201);
  const after = await s.api(`/api/notices/${n.body.id}`, { token: resident.token });
  expect(after.body.audio.map((a: { fileId: string }) => a.fileId)).toEqual([second]);
  expect(after.body.version).toBe(2);
  expect((await play(first, resident)).status).toBe(200); // the first version's clip stays with its version
  const trail = await AuditLog.find({ targetType: 'notice', targetId: n.body.id, action: /^audio\./ }).lean();
  expect(trail.map((t) => t.action).sort()).toEqual(['audio.attach', 'audio.attach', 'audio.detach']);
  const stranger = await s.api(`/api/notices/${n.body.id}/amendments`, { token: otherResident.token, body: { reason: '改', audio: [] } });
  expect(stranger.status).toBe(404);
});
