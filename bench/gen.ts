// Load generator, forked by scripts/bench.ts: opens client sockets to one server on loopback,
// runs one bounded scenario it is sent over IPC, and replies with raw measurements. Senders and
// receivers of a timed scenario share this process, so one clock times emit → receive.
import {randomUUID} from 'node:crypto';
import {performance} from 'node:perf_hooks';
import {io as ioClient, type Socket} from 'socket.io-client';
import {ReliableClient} from '../backend/test/reliable-client.js';

export type Stack = 'ours' | 'relay' | 'insert' | 'gridfs';

/** One conversation: ours has an applicant token; the bare apps take any id. */
export interface Conv {
  token?: string;
  conversationId?: string;
}

export type Scenario =
  | {kind: 'latency'; stack: Stack; url: string; firmId: string; convs: Conv[]; perConv: number; intervalMs: number}
  | {kind: 'throughput'; stack: Stack; url: string; firmId: string; convs: Conv[]; warmupMs: number; durationMs: number}
  | {kind: 'idle'; stack: Stack; url: string; tokens: string[]; count: number}
  | {kind: 'fanout'; stack: Stack; url: string; firmId: string; lawyerTokens: string[]; lawyerOrigin: string; convs: Conv[]; perConv: number; intervalMs: number}
  | {kind: 'chaos'; stack: Stack; url: string; firmId: string; lawyerToken: string; lawyerOrigin: string; convs: Conv[]; perConv: number; intervalMs: number; cutEveryMs: number};

export const FIRM_ORIGIN = 'https://firm.example';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const opened: Socket[] = [];

function open(stack: Stack, url: string, token?: string, origin = FIRM_ORIGIN, reconnection = false): Socket {
  const s = ioClient(url, {
    transports: ['websocket'],
    forceNew: true,
    reconnection,
    reconnectionDelay: 50,
    reconnectionDelayMax: 200,
    ...(stack === 'ours' ? {auth: {token}, extraHeaders: {origin}} : {}),
  });
  opened.push(s);
  return s;
}

function connected(s: Socket): Promise<void> {
  return new Promise((resolve, reject) => {
    if (s.connected) return resolve();
    s.once('connect', () => resolve());
    s.once('connect_error', (e) => reject(e));
  });
}

async function ack<T = any>(s: Socket, event: string, payload: unknown): Promise<T> {
  const a = await s.timeout(30_000).emitWithAck(event, payload);
  if (a && a.ok === false) throw new Error(`${event}: ${a.error.code} ${a.error.message}`);
  return (a?.data ?? a) as T;
}

/** Joins a conversation room; returns its id. */
async function joinConv(stack: Stack, s: Socket, c: Conv, index: number): Promise<string> {
  if (stack === 'ours') return (await ack<{conversation: {id: string}}>(s, 'conversation:open', {})).conversation.id;
  const id = c.conversationId ?? `c${index}`;
  await ack(s, 'join', [`conv:${id}`]);
  return id;
}

function sendPayload(stack: Stack, firmId: string, conversationId: string, clientId: string, body: string) {
  return stack === 'ours' ? {conversationId, clientId, body} : {conversationId, firmId, clientId, body};
}

/** Opens in batches so the handshakes do not all land at once. */
async function openMany<T>(items: T[], batch: number, fn: (item: T, i: number) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < items.length; i += batch) await Promise.all(items.slice(i, i + batch).map((item, j) => fn(item, i + j)));
}

async function latency(sc: Extract<Scenario, {kind: 'latency'}>) {
  const sentAt = new Map<string, number>();
  const samples: number[] = [];
  let errors = 0;
  const pairs: {sender: Socket; id: string}[] = [];
  await openMany(sc.convs, 50, async (c, i) => {
    const sender = open(sc.stack, sc.url, c.token);
    const receiver = open(sc.stack, sc.url, c.token); // a second tab of the same conversation
    await Promise.all([connected(sender), connected(receiver)]);
    const id = await joinConv(sc.stack, sender, c, i);
    await joinConv(sc.stack, receiver, c, i);
    receiver.on('message:new', (m: {clientId: string}) => {
      const t = sentAt.get(m.clientId);
      if (t === undefined) return;
      samples.push(performance.now() - t);
      sentAt.delete(m.clientId);
    });
    pairs.push({sender, id});
  });
  await Promise.all(pairs.map(async ({sender, id}) => {
    await sleep(Math.random() * sc.intervalMs);
    for (let n = 0; n < sc.perConv; n++) {
      const clientId = randomUUID();
      sentAt.set(clientId, performance.now());
      sender.emit('message:send', sendPayload(sc.stack, sc.firmId, id, clientId, `latency ${n}`), (a: {ok: boolean}) => {
        if (!a?.ok) errors++;
      });
      await sleep(sc.intervalMs);
    }
  }));
  const deadline = Date.now() + 30_000;
  while (sentAt.size > 0 && Date.now() < deadline) await sleep(50);
  return {samples, lost: sentAt.size, errors};
}

async function throughput(sc: Extract<Scenario, {kind: 'throughput'}>) {
  let delivered = 0;
  let counting = false;
  let running = true;
  let errors = 0;
  const pairs: {sender: Socket; id: string}[] = [];
  await openMany(sc.convs, 50, async (c, i) => {
    const sender = open(sc.stack, sc.url, c.token);
    const receiver = open(sc.stack, sc.url, c.token);
    await Promise.all([connected(sender), connected(receiver)]);
    const id = await joinConv(sc.stack, sender, c, i);
    await joinConv(sc.stack, receiver, c, i);
    receiver.on('message:new', () => {
      if (counting) delivered++;
    });
    pairs.push({sender, id});
  });
  const loops = pairs.map(async ({sender, id}) => {
    for (let n = 0; running; n++) {
      const a = await sender.timeout(30_000).emitWithAck('message:send', sendPayload(sc.stack, sc.firmId, id, randomUUID(), `throughput ${n}`)).catch(() => undefined);
      if (!a?.ok) errors++;
    }
  });
  await sleep(sc.warmupMs);
  counting = true;
  const t0 = performance.now();
  await sleep(sc.durationMs);
  counting = false;
  const seconds = (performance.now() - t0) / 1000;
  running = false;
  await Promise.all(loops);
  return {perSecond: delivered / seconds, delivered, errors};
}

async function idle(sc: Extract<Scenario, {kind: 'idle'}>) {
  const tokens = sc.stack === 'ours' ? sc.tokens : Array.from({length: sc.count}, () => undefined);
  let failed = 0;
  await openMany(tokens, 250, async (token) => {
    const s = open(sc.stack, sc.url, token);
    await connected(s).catch(() => failed++);
  });
  return {connected: opened.filter((s) => s.connected).length, failed};
}

async function fanout(sc: Extract<Scenario, {kind: 'fanout'}>) {
  const sentAt = new Map<string, number>();
  const samples: number[] = [];
  const expected = sc.lawyerTokens.length;
  const remaining = new Map<string, number>();
  await openMany(sc.lawyerTokens, 50, async (token) => {
    const s = open(sc.stack, sc.url, token, sc.lawyerOrigin);
    await connected(s);
    if (sc.stack !== 'ours') await ack(s, 'join', [`firm:${sc.firmId}:lawyers`]); // ours joins the inbox room at connect
    s.on('inbox:message', (e: {message: {clientId: string}}) => {
      const t = sentAt.get(e.message.clientId);
      if (t === undefined) return;
      samples.push(performance.now() - t);
      const left = remaining.get(e.message.clientId)! - 1;
      if (left === 0) remaining.delete(e.message.clientId);
      else remaining.set(e.message.clientId, left);
    });
  });
  const senders: {s: Socket; id: string}[] = [];
  await openMany(sc.convs, 20, async (c, i) => {
    const s = open(sc.stack, sc.url, c.token);
    await connected(s);
    senders.push({s, id: await joinConv(sc.stack, s, c, i)});
  });
  let errors = 0;
  await Promise.all(senders.map(async ({s, id}) => {
    await sleep(Math.random() * sc.intervalMs);
    for (let n = 0; n < sc.perConv; n++) {
      const clientId = randomUUID();
      sentAt.set(clientId, performance.now());
      remaining.set(clientId, expected);
      s.emit('message:send', sendPayload(sc.stack, sc.firmId, id, clientId, `fanout ${n}`), (a: {ok: boolean}) => {
        if (!a?.ok) errors++;
      });
      await sleep(sc.intervalMs);
    }
  }));
  const deadline = Date.now() + 30_000;
  while (remaining.size > 0 && Date.now() < deadline) await sleep(50);
  let missing = 0;
  for (const n of remaining.values()) missing += n;
  return {samples, missing, errors, receivers: expected};
}

/** Cuts transports every `cutEveryMs`; socket.io reconnects by itself. */
function chaosLoop(sockets: () => Socket[], cutEveryMs: number) {
  let on = true;
  let cuts = 0;
  const done = (async () => {
    while (on) {
      await sleep(cutEveryMs);
      // The receiver (first) every time, the others at random.
      for (const [i, s] of sockets().entries()) {
        if (on && s.connected && (i === 0 || Math.random() < 0.5)) {
          s.io.engine.close();
          cuts++;
        }
      }
    }
  })();
  return {stop: async () => {
    on = false;
    await done;
    return cuts;
  }};
}

async function chaos(sc: Extract<Scenario, {kind: 'chaos'}>) {
  const expected = new Set<string>();
  if (sc.stack === 'ours') {
    const lawyer = new ReliableClient(sc.url, sc.lawyerToken, sc.lawyerOrigin, 'lawyer');
    const applicants = await Promise.all(sc.convs.map(async (c) => {
      const client = new ReliableClient(sc.url, c.token!, FIRM_ORIGIN, 'applicant');
      return {client, id: await client.attach()};
    }));
    for (const a of applicants) await lawyer.attach(a.id);
    const loop = chaosLoop(() => [lawyer.socket as unknown as Socket, ...applicants.map((a) => a.client.socket as unknown as Socket)], sc.cutEveryMs);
    await Promise.all(applicants.map(async ({client, id}, i) => {
      const sends: Promise<unknown>[] = [];
      for (let n = 0; n < sc.perConv; n++) {
        const body = `conv ${i} message ${n}`;
        expected.add(body);
        sends.push(client.send(id, body));
        await sleep(sc.intervalMs);
      }
      await Promise.all(sends);
    }));
    const cuts = await loop.stop();
    await lawyer.settle();
    const shown = applicants.flatMap((a) => lawyer.view(a.id).filter((m) => m.kind === 'text').map((m) => m.body));
    const unique = new Set(shown);
    const lost = [...expected].filter((b) => !unique.has(b)).length;
    for (const c of [lawyer, ...applicants.map((a) => a.client)]) c.close();
    return {sent: expected.size, lost, duplicated: shown.length - unique.size, cuts};
  }
  // The bare app with a naive client: emit and forget, rejoin the room after a reconnect.
  const received: string[] = [];
  const ids = sc.convs.map((c, i) => c.conversationId ?? `chaos${i}`);
  const receiver = open(sc.stack, sc.url, undefined, FIRM_ORIGIN, true);
  receiver.on('connect', () => void receiver.emit('join', ids.map((id) => `conv:${id}`)));
  receiver.on('message:new', (m: {body: string}) => received.push(m.body));
  await connected(receiver);
  const senders = await Promise.all(ids.map(async (id) => {
    const s = open(sc.stack, sc.url, undefined, FIRM_ORIGIN, true);
    await connected(s);
    return {s, id};
  }));
  await sleep(200);
  const loop = chaosLoop(() => [receiver, ...senders.map((x) => x.s)], sc.cutEveryMs);
  await Promise.all(senders.map(async ({s, id}, i) => {
    for (let n = 0; n < sc.perConv; n++) {
      const body = `conv ${i} message ${n}`;
      expected.add(body);
      s.emit('message:send', sendPayload(sc.stack, sc.firmId, id, randomUUID(), body));
      await sleep(sc.intervalMs);
    }
  }));
  const cuts = await loop.stop();
  await sleep(2_000);
  const unique = new Set(received);
  const lost = [...expected].filter((b) => !unique.has(b)).length;
  return {sent: expected.size, lost, duplicated: received.length - unique.size, cuts};
}

const run = (sc: Scenario): Promise<unknown> => {
  switch (sc.kind) {
    case 'latency': return latency(sc);
    case 'throughput': return throughput(sc);
    case 'idle': return idle(sc);
    case 'fanout': return fanout(sc);
    case 'chaos': return chaos(sc);
  }
};

// Only as a forked child; scripts/bench.ts imports the types and constants above.
if (process.send) {
  process.on('message', async (m: {type: 'run'; scenario: Scenario} | {type: 'close'}) => {
    if (m.type === 'close') {
      for (const s of opened) s.disconnect();
      process.send!({type: 'closed'}, () => process.exit(0));
      return;
    }
    try {
      process.send!({type: 'result', result: await run(m.scenario)});
    } catch (err) {
      process.send!({type: 'error', message: (err as Error).stack ?? String(err)});
    }
  });
  process.send!({type: 'ready'});
}
