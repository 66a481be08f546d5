// Two visitors racing for one slot through two backend processes (one database, one Redis):
// exactly one booking, ten runs out of ten; the other is told the time was just taken and
// its fresh slots no longer offer it. In request mode, the same for the time a request holds.
import {test, after} from 'node:test';
import assert from 'node:assert/strict';
import {randomBytes} from 'node:crypto';
import {freePort} from '../db/embedded.js';
import {connectDatabase} from '../server.js';
import {createServices, prepareDatabase} from '../services/index.js';
import {createLogger} from '../logger.js';
import {consultationModel} from '../models/consultation.js';
import {bookingRequestModel} from '../models/booking-request.js';
import type {SlotDTO} from '../../protocol/booking.js';
import {testConfig, tempDir, testDatabaseUri, spawnBackend} from './helpers.js';
import {createFirmWithLawyer} from './chat-fixture.js';
import {enableBooking, verifiedVisitor} from './booking-support.js';
import {startRedis} from './redis-server.js';

const RUNS = 10;

test(`two visitors, one slot, two processes: exactly one booking in each of ${RUNS} runs`, async () => {
  const redis = await startRedis();
  after(() => redis.proc.kill('SIGKILL'));
  const uri = await testDatabaseUri();
  const db = await connectDatabase(uri);
  after(() => db.dropDatabase().catch(() => {}).finally(() => db.close()));
  const services = createServices({db, config: await testConfig({MONGODB_URI: uri}), logger: createLogger({LOG_LEVEL: 'silent'} as never)});
  await prepareDatabase(services);
  after(() => services.consultations.engine.stop());
  const firm = await createFirmWithLawyer({services});
  const lawyer = (await services.models.Lawyer.findOne({email: firm.lawyerEmail}).lean())!;
  await enableBooking(services, firm.firmId, String(lawyer._id), {bufferMinutes: 0, minNoticeMinutes: 0});

  const [portA, portB] = [await freePort(), await freePort()];
  const common = {PUBLIC_URL: 'https://chat.firm.example', MONGODB_URI: uri, REDIS_URL: redis.url, JWT_SECRET: randomBytes(32).toString('hex'), DATA_DIR: tempDir(), LOG_LEVEL: 'silent', NODE_ENV: 'test', RATE_LIMIT_SCALE: '100'};
  const [a, b] = await Promise.all([spawnBackend({...common, PORT: String(portA)}), spawnBackend({...common, PORT: String(portB)})]);
  after(() => {
    a.kill('SIGKILL');
    b.kill('SIGKILL');
  });
  const urlA = `http://127.0.0.1:${portA}`;
  const urlB = `http://127.0.0.1:${portB}`;

  const outcomes: string[] = [];
  for (let run = 0; run < RUNS; run++) {
    const [va, vb] = await Promise.all([
      verifiedVisitor(urlA, firm.siteKey, db, `a${run}@client.example`),
      verifiedVisitor(urlB, firm.siteKey, db, `b${run}@client.example`),
    ]);
    const slots: SlotDTO[] = (await va.client.get(`/conversations/${va.conversationId}/slots?duration=30`)).body.slots;
    const slot = slots[run * 3];
    const [ra, rb] = await Promise.all([
      va.client.post(`/conversations/${va.conversationId}/bookings`, {start: slot.start, durationMinutes: 30}),
      vb.client.post(`/conversations/${vb.conversationId}/bookings`, {start: slot.start, durationMinutes: 30}),
    ]);
    outcomes.push(`${ra.status}/${rb.status}`);
    const won = [ra, rb].filter((r) => r.status === 201);
    const lost = [ra, rb].filter((r) => r.status !== 201);
    assert.equal(won.length, 1, `run ${run}: ${JSON.stringify([ra.body, rb.body])}`);
    assert.equal(lost[0].status, 409);
    assert.match(lost[0].body.error.message, /^that time was just taken/);
    const loser = lost[0] === ra ? va : vb;
    const fresh: SlotDTO[] = (await loser.client.get(`/conversations/${loser.conversationId}/slots?duration=30`)).body.slots;
    assert.ok(!fresh.some((s) => s.start === slot.start), 'the fresh slots no longer offer it');
    assert.ok(fresh.length > 0);
  }
  const booked = await consultationModel(db).find({lawyerId: lawyer._id, status: 'scheduled'}).sort({start: 1}).lean();
  assert.equal(booked.length, RUNS, outcomes.join(' '));
  for (let i = 1; i < booked.length; i++) assert.ok(booked[i].start >= booked[i - 1].end, 'no two bookings overlap');

  // Request mode: a request holds its time under the same lock, so the same race gives exactly one request.
  await services.models.Firm.updateOne({_id: firm.firmId}, {$set: {'booking.mode': 'request'}});
  for (let run = 0; run < RUNS / 2; run++) {
    const [va, vb] = await Promise.all([
      verifiedVisitor(urlA, firm.siteKey, db, `ra${run}@client.example`),
      verifiedVisitor(urlB, firm.siteKey, db, `rb${run}@client.example`),
    ]);
    const slots: SlotDTO[] = (await va.client.get(`/conversations/${va.conversationId}/slots?duration=30`)).body.slots;
    const slot = slots[run * 3 + 1];
    const [ra, rb] = await Promise.all([
      va.client.post(`/conversations/${va.conversationId}/bookings`, {start: slot.start, durationMinutes: 30}),
      vb.client.post(`/conversations/${vb.conversationId}/bookings`, {start: slot.start, durationMinutes: 30}),
    ]);
    const won = [ra, rb].filter((r) => r.status === 201);
    assert.equal(won.length, 1, `request run ${run}: ${JSON.stringify([ra.body, rb.body])}`);
    assert.equal(won[0].body.status, 'requested');
    assert.match([ra, rb].find((r) => r.status !== 201)!.body.error.message, /^that time was just taken/);
  }
  const held = await bookingRequestModel(db).find({lawyerId: lawyer._id, holding: true}).sort({holdStart: 1}).lean();
  assert.equal(held.length, RUNS / 2, 'one request per raced time');
  for (let i = 1; i < held.length; i++) assert.ok(held[i].holdStart >= held[i - 1].holdEnd, 'no two holds overlap');
  assert.equal(await consultationModel(db).countDocuments({lawyerId: lawyer._id, status: 'scheduled'}), RUNS, 'requests schedule nothing by themselves');
});
