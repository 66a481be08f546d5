import {test} from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import mongoose from 'mongoose';
import {startEmbeddedDatabase} from '../db/embedded.js';
import {startBackend} from '../server.js';
import {testConfig, tempDir} from './helpers.js';

test('a document written through Mongoose survives a restart of the database server', async () => {
  const dataDir = path.join(tempDir(), 'db');
  const first = await startEmbeddedDatabase({dataDir});
  const uri = `${first.uri}/restart_check`;
  const backend = await startBackend(await testConfig({MONGODB_URI: uri}));
  try {
    const Note = backend.db.model('Note', new mongoose.Schema({text: String}));
    const written = await Note.create({text: 'kept across restarts'});
    assert.equal((await fetch(`${backend.url}/readyz`)).status, 200);

    await first.stop();
    const down = await fetch(`${backend.url}/readyz`);
    assert.equal(down.status, 503, 'readiness reports the database outage');
    assert.equal((await down.json()).error.code, 'unavailable');
    assert.equal((await fetch(`${backend.url}/healthz`)).status, 200, 'the process itself stays up');

    const second = await startEmbeddedDatabase({dataDir, port: first.port});
    try {
      // The driver reconnects by itself; poll readiness until it has.
      const deadline = Date.now() + 20_000;
      while ((await fetch(`${backend.url}/readyz`)).status !== 200) {
        assert.ok(Date.now() < deadline, 'backend reconnected to the restarted database');
        await new Promise((r) => setTimeout(r, 200));
      }
      const read = await Note.findById(written._id).lean();
      assert.equal(read?.text, 'kept across restarts');
    } finally {
      await backend.stop();
      await second.stop();
    }
  } finally {
    await backend.stop();
    await first.stop();
  }
});
