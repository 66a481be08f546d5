// Documents: upload throughput against a bare Koa route streaming the same bytes into GridFS,
// the server's peak RSS while 25 MB files arrive, and the first byte of a download with 100
// vs 10,000 files stored. Bounded: a handful of uploads and 40 downloads per size.
import {randomUUID} from 'node:crypto';
import {Types} from 'mongoose';
import {connectDatabase} from '../backend/server.js';
import {pdf} from '../backend/test/documents.js';
import {percentile, startServer} from './lib.js';
import {FIRM_ORIGIN} from './gen.js';

export interface UploadBenchDeps {
  serverUri: string;
  oursEnv: (db: string) => NodeJS.ProcessEnv;
  seed: (db: string, applicants: number, tag: string) => Promise<{firmId: string; tokens: string[]}>;
  ratioRow: (metric: string, ours: number, base: number, unit: string, budget: number | null, higherIsBetter?: boolean, digits?: number) => void;
  log: (line: string) => void;
}

const MB = 1024 * 1024;
const B = `----bench${randomUUID()}`;

function multipart(file: Buffer, name: string, clientId: string): Uint8Array<ArrayBuffer> {
  return Buffer.concat([
    Buffer.from(`--${B}\r\nContent-Disposition: form-data; name="clientId"\r\n\r\n${clientId}\r\n--${B}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/pdf\r\n\r\n`),
    file,
    Buffer.from(`\r\n--${B}--\r\n`),
  ]) as Uint8Array<ArrayBuffer>;
}

async function timed(url: string, body: Uint8Array<ArrayBuffer>, headers: Record<string, string>): Promise<number> {
  const start = performance.now();
  const res = await fetch(url, {method: 'POST', headers: {'content-type': `multipart/form-data; boundary=${B}`, ...headers}, body});
  const text = await res.text();
  if (res.status !== 201) throw new Error(`upload answered ${res.status}: ${text.slice(0, 200)}`);
  return performance.now() - start;
}

/** Milliseconds from request to the first body byte of a signed download. */
async function firstByte(url: string): Promise<number> {
  const start = performance.now();
  const res = await fetch(url);
  const reader = res.body!.getReader();
  await reader.read();
  const ms = performance.now() - start;
  await reader.cancel();
  if (res.status !== 200) throw new Error(`download answered ${res.status}`);
  return ms;
}

export async function benchUploads(d: UploadBenchDeps): Promise<void> {
  const db = 'bench_upload';
  const {firmId, tokens} = await d.seed(db, 1, 'upload');
  const ours = await d.oursEnv(db);
  const server = await startServer('ours', ours);
  const bare = await startServer('gridfs', {MONGODB_URI: `${d.serverUri}/bench_upload_bare`});
  try {
    const auth = {authorization: `Bearer ${tokens[0]}`, origin: FIRM_ORIGIN};
    const conv = await (await fetch(`${server.url}/api/v1/conversations`, {method: 'POST', headers: {...auth, 'content-type': 'application/json'}, body: '{}'})).json();
    const conversationId: string = conv.conversation?.id ?? conv.id;
    const file = pdf('bench', 25 * MB - 64 * 1024);
    const url = `${server.url}/api/v1/conversations/${conversationId}/attachments`;
    const rssIdle = await server.peakRss();
    // One of each first (indexes, pools), then alternate so both see the same machine.
    await timed(url, multipart(file, 'warm.pdf', randomUUID()), auth);
    await timed(`${bare.url}/upload`, multipart(file, 'warm.pdf', randomUUID()), {});
    let oursMs = 0;
    let bareMs = 0;
    const RUNS = 3;
    for (let i = 0; i < RUNS; i++) {
      oursMs += await timed(url, multipart(file, `f${i}.pdf`, randomUUID()), auth);
      bareMs += await timed(`${bare.url}/upload`, multipart(file, `f${i}.pdf`, randomUUID()), {});
    }
    const mbs = (ms: number) => (RUNS * file.length) / MB / (ms / 1000);
    d.ratioRow(`upload throughput, 25 MB PDF (multipart, sniffed, hashed) vs bare Koa → GridFS`, mbs(oursMs), mbs(bareMs), 'MB/s', 0.5, true, 1);
    const rssPeak = await server.peakRss();
    const barePeak = await bare.peakRss();
    d.ratioRow('server peak RSS after 25 MB uploads (VmHWM)', rssPeak / MB, barePeak / MB, 'MiB', null, false, 0);
    d.log(`ours: peak RSS at idle ${(rssIdle / MB).toFixed(0)} MiB, after ${RUNS + 1} uploads of 25 MB ${(rssPeak / MB).toFixed(0)} MiB`);

    // First byte of a download: one real document, then filler files written straight to the database.
    const probe = await (await fetch(url, {method: 'POST', headers: {'content-type': `multipart/form-data; boundary=${B}`, ...auth}, body: multipart(pdf('probe', MB), 'probe.pdf', randomUUID())})).json();
    const linkOf = async () => (await (await fetch(`${server.url}/api/v1/attachments/${probe.attachment.id}/link`, {headers: auth})).json()).url as string;
    const conn = await connectDatabase(`${d.serverUri}/${db}`);
    const stored = async () => conn.collection('attachments.files').countDocuments();
    async function fillTo(total: number): Promise<void> {
      let have = await stored();
      while (have < total) {
        const n = Math.min(1_000, total - have);
        const ids = Array.from({length: n}, () => new Types.ObjectId());
        const now = new Date();
        await conn.collection('attachments.files').insertMany(ids.map((_id) => ({_id, length: 1024, chunkSize: 255 * 1024, uploadDate: now, filename: 'filler.txt', metadata: {contentType: 'text/plain'}})));
        await conn.collection('attachments.chunks').insertMany(ids.map((files_id) => ({files_id, n: 0, data: Buffer.alloc(1024, 0x61)})));
        await conn.collection('attachments').insertMany(ids.map((_id) => ({_id, conversationId: new Types.ObjectId(), firmId: new Types.ObjectId(firmId), uploader: {kind: 'applicant', id: new Types.ObjectId()}, name: 'filler.txt', size: 1024, sha256: '0'.repeat(64), type: 'txt', mime: 'text/plain', messageId: new Types.ObjectId(), createdAt: now})));
        have += n;
      }
    }
    async function sample(): Promise<number[]> {
      const samples: number[] = [];
      for (let i = 0; i < 45; i++) {
        const ms = await firstByte(await linkOf());
        if (i >= 5) samples.push(ms); // the first few warm the path
      }
      return samples;
    }
    await fillTo(100);
    const at100 = await sample();
    await fillTo(10_000);
    const at10k = await sample();
    await conn.close();
    d.ratioRow('document download first byte p50, 10k files vs 100 stored', percentile(at10k, 50), percentile(at100, 50), 'ms', 1.5, false, 2);
    d.ratioRow('document download first byte p95, 10k files vs 100 stored', percentile(at10k, 95), percentile(at100, 95), 'ms', null, false, 2);
  } finally {
    await server.stop();
    await bare.stop();
  }
}
