// One server under test, in its own process (forked by scripts/bench.ts with --expose-gc).
// BENCH_STACK=ours: the real backend (startBackend). relay: a bare Socket.IO app that relays
// messages doing no work. insert: the same relay, but it first inserts the message document
// with the MongoDB driver (the persistence floor). Answers {type:'mem'} with its memory use.
import http from 'node:http';
import {readFileSync} from 'node:fs';
import {pipeline} from 'node:stream/promises';
import Koa from 'koa';
import {GridFSBucket, MongoClient, ObjectId} from 'mongodb';
import {Server} from 'socket.io';
import {loadConfig} from '../backend/config.js';
import {startBackend} from '../backend/server.js';

const stack = process.env.BENCH_STACK ?? 'ours';

async function memory(): Promise<NodeJS.MemoryUsage> {
  const gc = (globalThis as {gc?: () => void}).gc;
  for (let i = 0; i < 3; i++) {
    gc?.();
    await new Promise((r) => setTimeout(r, 50));
  }
  return process.memoryUsage();
}

async function startBare(): Promise<{url: string}> {
  const insert = stack === 'insert';
  const client = insert ? await new MongoClient(process.env.MONGODB_URI!, {maxPoolSize: 20}).connect() : undefined;
  const messages = client?.db().collection('messages');
  if (messages) {
    // The same unique indexes the real Message model has, so each insert pays for them too.
    await messages.createIndex({conversationId: 1, seq: 1}, {unique: true});
    await messages.createIndex({conversationId: 1, 'sender.id': 1, clientId: 1}, {unique: true});
  }
  const seqs = new Map<string, number>();
  const server = http.createServer();
  const io = new Server(server, {perMessageDeflate: false, httpCompression: false, serveClient: false, maxHttpBufferSize: 32 * 1024, pingInterval: 20_000, pingTimeout: 20_000, cors: {origin: true}});
  io.on('connection', (socket) => {
    socket.on('join', (rooms: string[], ack?: () => void) => {
      void socket.join(rooms);
      ack?.();
    });
    socket.on('message:send', async (m: {conversationId: string; firmId: string; clientId: string; body: string}, ack?: (a: unknown) => void) => {
      const seq = (seqs.get(m.conversationId) ?? 0) + 1;
      seqs.set(m.conversationId, seq);
      const now = new Date();
      const dto = {id: new ObjectId().toHexString(), conversationId: m.conversationId, seq, sender: {kind: 'applicant', id: socket.id, name: null}, kind: 'text', body: m.body, clientId: m.clientId, createdAt: now.toISOString(), deletedAt: null};
      if (messages) {
        await messages.insertOne({_id: new ObjectId(dto.id), conversationId: m.conversationId, firmId: m.firmId, seq, sender: dto.sender, kind: 'text', body: m.body, clientId: m.clientId, counts: {applicant: seq, lawyer: 0}, system: null, consultationId: null, createdAt: now, deletedAt: null, deletedBy: null});
      }
      ack?.({ok: true, data: dto});
      io.to(`conv:${m.conversationId}`).emit('message:new', dto);
      io.to(`firm:${m.firmId}:lawyers`).emit('inbox:message', {conversation: {id: m.conversationId}, message: dto});
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return {url: `http://127.0.0.1:${(server.address() as {port: number}).port}`};
}

/** The upload floor: a bare Koa route streaming the request body into GridFS (no parsing, sniffing or hashing). */
async function startBareUpload(): Promise<{url: string}> {
  const client = await new MongoClient(process.env.MONGODB_URI!, {maxPoolSize: 20}).connect();
  const bucket = new GridFSBucket(client.db(), {bucketName: 'bare', chunkSizeBytes: 255 * 1024});
  await client.db().collection('bare.chunks').createIndex({files_id: 1, n: 1}, {unique: true});
  const app = new Koa();
  app.use(async (ctx) => {
    const id = new ObjectId();
    await pipeline(ctx.req, bucket.openUploadStreamWithId(id, 'upload'));
    ctx.status = 201;
    ctx.body = {id: String(id)};
  });
  const server = http.createServer(app.callback());
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return {url: `http://127.0.0.1:${(server.address() as {port: number}).port}`};
}

// BENCH_TRACE_DB=1: counts the database operations of the real backend, printed on exit.
const traced = new Map<string, number>();
if (process.env.BENCH_TRACE_DB && stack === 'ours') {
  const mongoose = (await import('mongoose')).default;
  // BENCH_TRACE_DB=stack also counts where each operation came from (the first backend frame).
  const where = (): string => {
    const frames = (new Error().stack ?? '').split('\n').filter((f) => f.includes('/backend/') && !f.includes('node_modules'));
    return frames.slice(0, 2).map((f) => f.replace(/^.*\/backend\//, '').replace(/\)$/, '')).join(' < ');
  };
  if (process.env.BENCH_TRACE_DB === 'stack') Error.stackTraceLimit = 40;
  mongoose.set('debug', (collection: string, method: string) => {
    const key = process.env.BENCH_TRACE_DB === 'stack' ? `${collection}.${method} @ ${where()}` : `${collection}.${method}`;
    traced.set(key, (traced.get(key) ?? 0) + 1);
  });
  process.on('exit', () => console.error(`[db ops] ${[...traced].sort((a, b) => b[1] - a[1]).slice(0, 30).map(([k, n]) => `${k} ${n}`).join('\n  ')}`));
}

const {url} = stack === 'ours' ? await startBackend(loadConfig(process.env)) : stack === 'gridfs' ? await startBareUpload() : await startBare();
process.on('message', async (m: {type: string}) => {
  if (m.type === 'mem') process.send!({type: 'mem', mem: await memory()});
  if (m.type === 'peak') process.send!({type: 'peak', peak: Number(/VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1] ?? 0) * 1024});
});
process.on('SIGTERM', () => process.exit(0));
process.send!({type: 'ready', url});
