// Peak RSS of the real server (its VmHWM) while documents of 25 MB, 25 MB and 150 MB arrive:
// streaming means the peak does not grow with the file. Run: node --import tsx bench/upload-rss.ts
import {randomBytes, randomUUID} from 'node:crypto';
import {mkdtempSync, rmSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {startEmbeddedDatabase} from '../backend/db/embedded.js';
import {connectDatabase} from '../backend/server.js';
import {loadConfig} from '../backend/config.js';
import {createLogger} from '../backend/logger.js';
import {createServices, prepareDatabase} from '../backend/services/index.js';
import {pdf} from '../backend/test/documents.js';
import {startServer} from './lib.js';

const MB = 1048576;
const ORIGIN = 'https://firm.example';
const tmp = mkdtempSync(path.join(os.tmpdir(), 'consult-rss-'));
const db = await startEmbeddedDatabase({dataDir: path.join(tmp, 'db')});
const env = {MONGODB_URI: `${db.uri}/rss`, JWT_SECRET: randomBytes(32).toString('hex'), RATE_LIMIT_SCALE: '1000', NODE_ENV: 'production', DATA_DIR: tmp, ATTACHMENT_MAX_MB: '200', ATTACHMENT_CONVERSATION_MAX_MB: '1000'};
const conn = await connectDatabase(env.MONGODB_URI);
const services = createServices({db: conn, config: loadConfig({...env, LOG_LEVEL: 'silent'}), logger: createLogger({LOG_LEVEL: 'silent'} as never)});
await prepareDatabase(services);
const {siteKey} = await services.firms.createFirm({name: 'RSS probe', allowedOrigins: [ORIGIN]});
const session = await services.sessions.widgetSession({siteKey}, ORIGIN);
await conn.close();
const server = await startServer('ours', env);
try {
  const auth = {authorization: `Bearer ${session.token}`, origin: ORIGIN};
  const conv = await (await fetch(`${server.url}/api/v1/conversations`, {method: 'POST', headers: {...auth, 'content-type': 'application/json'}, body: '{}'})).json();
  const id = conv.conversation?.id ?? conv.id;
  console.log(`peak RSS after start: ${((await server.peakRss()) / MB).toFixed(0)} MiB`);
  for (const size of [25, 25, 150]) {
    const form = new FormData();
    form.append('clientId', randomUUID());
    form.append('file', new Blob([pdf('probe', size * MB) as Uint8Array<ArrayBuffer>]), `f${size}.pdf`);
    const t = performance.now();
    const res = await fetch(`${server.url}/api/v1/conversations/${id}/attachments`, {method: 'POST', headers: auth, body: form});
    console.log(`${size} MB upload → ${res.status} in ${((performance.now() - t) / 1000).toFixed(1)} s; peak RSS ${((await server.peakRss()) / MB).toFixed(0)} MiB`);
  }
} finally {
  await server.stop();
  await db.stop();
  rmSync(tmp, {recursive: true, force: true});
}
