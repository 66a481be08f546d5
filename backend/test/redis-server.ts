// A real redis-server on a free loopback port, for the multi-process tests.
import {spawn, type ChildProcess} from 'node:child_process';
import {createClient} from 'redis';
import {freePort} from '../db/embedded.js';
import {ensureRedis} from '../../scripts/setup.js';

export async function startRedis(fixedPort?: number): Promise<{url: string; port: number; proc: ChildProcess}> {
  const bin = ensureRedis();
  if (!bin) throw new Error('redis-server was not found and could not be installed (need root for apt-get install redis-server); the multi-process test cannot run without it');
  const port = fixedPort ?? (await freePort());
  const proc = spawn(bin, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {stdio: 'ignore'});
  const url = `redis://127.0.0.1:${port}`;
  const deadline = Date.now() + 10_000;
  for (;;) {
    const probe = createClient({url, socket: {reconnectStrategy: false}});
    probe.on('error', () => {});
    try {
      await probe.connect();
      await probe.ping();
      await probe.quit();
      return {url, port, proc};
    } catch (err) {
      if (Date.now() > deadline) throw new Error(`redis-server did not start on ${url}: ${(err as Error).message}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}
