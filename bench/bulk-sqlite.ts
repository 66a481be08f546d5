// Bulk load for the growth benchmark on the embedded engine. Inserting a million messages
// through the wire protocol takes over half an hour here; cloning them in SQL from rows FerretDB
// itself wrote takes a few minutes. SQLite maintains
// FerretDB's own indexes on the way in, and every stored row has exactly FerretDB's form, only
// with a new _id, conversation, seq, clientId and time. Benchmark loading only: the product never
// writes the database file behind FerretDB's back.
import {execFileSync, spawnSync} from 'node:child_process';
import {existsSync} from 'node:fs';

/** The sqlite3 shell (Debian package `sqlite3`), installed on first use when running as root. */
export function sqliteShell(): string {
  const bin = '/usr/bin/sqlite3';
  if (existsSync(bin)) return bin;
  if (process.getuid?.() !== 0) throw new Error('The growth benchmark needs the sqlite3 shell: apt-get install sqlite3 (as root), or set MONGODB_URI');
  console.log('[bench] installing sqlite3 from apt (first run only)…');
  execFileSync('apt-get', ['install', '-y', '-qq', 'sqlite3'], {stdio: 'inherit', env: {...process.env, DEBIAN_FRONTEND: 'noninteractive'}});
  return bin;
}

export interface ClonePlan {
  /** Conversation index in the bench (goes into clientIds), id and applicant id (hex). */
  idx: number;
  conv: string;
  applicant: string;
  /** The conversation holds seq 1..from; messages from+1..to are added. */
  from: number;
  to: number;
}

const q = (s: string) => `'${s.replace(/'/g, "''")}'`;

function run(file: string, sql: string): string {
  const r = spawnSync(sqliteShell(), ['-batch', '-bail', file], {input: sql, encoding: 'utf8', maxBuffer: 64 << 20});
  if (r.status !== 0) throw new Error(`sqlite3 ${file}: ${r.stderr || r.stdout}`);
  return r.stdout.trim();
}

/** FerretDB's table for a collection of the database file. */
function tableOf(file: string, collection: string): string {
  const t = run(file, `.timeout 60000\nSELECT table_name FROM _ferretdb_collections WHERE name = ${q(collection)};`);
  if (!/^[a-z_]+_[0-9a-f]{8}$/.test(t)) throw new Error(`no FerretDB table for ${collection} in ${file}`);
  return t;
}

/**
 * Adds the planned messages, their conversations' search-term rows (pointing at the newest) and
 * each conversation's new lastSeq/counts in one transaction. `templates` are the _ids of two stored
 * messages of one conversation (odd seq: an applicant's, even: the lawyer's; same body) whose rows
 * and that conversation's word rows are copied; a message's time in ms is `base + seq * step`.
 */
export function cloneMessages(file: string, plan: ClonePlan[], templates: {odd: string; even: string}, time: {base: number; step: number}): void {
  if (!plan.length) return;
  const messages = tableOf(file, 'messages');
  const terms = tableOf(file, 'searchterms');
  const conversations = tableOf(file, 'conversations');
  const id = `json_extract(_ferretdb_sjson, '$._id')`;
  const values: string[] = [];
  for (let i = 0; i < plan.length; i += 500) {
    values.push(`INSERT INTO plan VALUES ${plan.slice(i, i + 500).map((p) => `(${p.idx}, ${q(p.conv)}, ${q(p.applicant)}, ${p.from}, ${p.to})`).join(',')};`);
  }
  run(file, `
.timeout 600000
PRAGMA cache_size = -1000000;
PRAGMA temp_store = MEMORY;
BEGIN IMMEDIATE;
CREATE TEMP TABLE plan(idx INTEGER, conv TEXT, applicant TEXT, lo INTEGER, hi INTEGER);
${values.join('\n')}
CREATE INDEX temp.plan_conv ON plan(conv);
CREATE TEMP TABLE tmpl AS SELECT CASE ${id} WHEN ${q(templates.odd)} THEN 1 ELSE 0 END AS parity, ${id} AS id, _ferretdb_sjson AS j
  FROM "${messages}" WHERE ${id} IN (${q(templates.odd)}, ${q(templates.even)});
CREATE TEMP TABLE tterms AS SELECT json_extract(s._ferretdb_sjson, '$.term') AS term, s._ferretdb_sjson AS j
  FROM "${terms}" s WHERE json_extract(s._ferretdb_sjson, '$.conversationId') = (SELECT json_extract(j, '$.conversationId') FROM tmpl LIMIT 1)
  AND json_extract(s._ferretdb_sjson, '$.field') = 'text';
-- Both templates and their terms must be there, or nothing is loaded (-bail rolls back).
CREATE TEMP TABLE guard(templates INTEGER CHECK (templates = 2), terms INTEGER CHECK (terms > 0));
INSERT INTO guard SELECT (SELECT count(*) FROM tmpl), (SELECT count(*) FROM tterms);
CREATE TEMP TABLE newm AS
  WITH RECURSIVE s(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM s WHERE n < (SELECT max(hi) FROM plan))
  SELECT p.idx, p.conv, p.applicant, s.n, printf('%08x', s.n) || substr(p.conv, 9) AS id, ${time.base} + s.n * ${time.step} AS at
  FROM plan p JOIN s ON s.n > p.lo AND s.n <= p.hi;
INSERT INTO "${messages}"(_ferretdb_sjson)
  SELECT json_set(t.j, '$._id', m.id, '$.conversationId', m.conv, '$.seq', m.n,
    '$.sender.id', CASE WHEN m.n % 2 = 1 THEN m.applicant ELSE json_extract(t.j, '$.sender.id') END,
    '$.clientId', 'g' || m.n || '-' || m.idx || '-' || substr(m.conv, 17),
    '$.counts.applicant', (m.n + 1) / 2, '$.counts.lawyer', m.n / 2, '$.createdAt', m.at)
  FROM newm m JOIN tmpl t ON t.parity = m.n % 2;
INSERT OR REPLACE INTO "${terms}"(_ferretdb_sjson)
  SELECT json_set(tt.j, '$._id', 't' || p.conv || ':text:' || tt.term, '$.conversationId', p.conv,
    '$.messageId', printf('%08x', p.hi) || substr(p.conv, 9), '$.at', ${time.base} + p.hi * ${time.step})
  FROM plan p JOIN tterms tt;
UPDATE "${conversations}" SET _ferretdb_sjson = json_set(_ferretdb_sjson, '$.lastSeq', p.hi, '$.counts.applicant', (p.hi + 1) / 2, '$.counts.lawyer', p.hi / 2)
  FROM plan p WHERE p.conv = json_extract("${conversations}"._ferretdb_sjson, '$._id');
COMMIT;
`);
}
