// Process plumbing and statistics for the benchmarks: forked servers and generators that talk
// over IPC, percentiles, and the results table.
import {fork, type ChildProcess} from 'node:child_process';
import path from 'node:path';
import {projectRoot} from '../backend/paths.js';
import type {Scenario, Stack} from './gen.js';

const tsx = ['--import', 'tsx'];

function waitFor<T>(child: ChildProcess, type: string, timeoutMs: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => done(new Error(`no '${type}' from ${child.spawnfile} within ${timeoutMs} ms`)), timeoutMs);
    const onMessage = (m: {type: string; message?: string}) => {
      if (m.type === type) done(undefined, m as T);
      else if (m.type === 'error') done(new Error(m.message));
    };
    const onExit = (code: number | null) => done(new Error(`process exited (${code}) while waiting for '${type}'`));
    function done(err?: Error, value?: T) {
      clearTimeout(timer);
      child.off('message', onMessage);
      child.off('exit', onExit);
      if (err) reject(err);
      else resolve(value!);
    }
    child.on('message', onMessage);
    child.on('exit', onExit);
  });
}

export interface ServerProc {
  url: string;
  memory(): Promise<NodeJS.MemoryUsage>;
  /** The process's peak resident set so far (VmHWM), in bytes. */
  peakRss(): Promise<number>;
  stop(): Promise<void>;
}

export async function startServer(stack: Stack, env: NodeJS.ProcessEnv): Promise<ServerProc> {
  const child = fork(path.join(projectRoot, 'bench/server.ts'), [], {
    cwd: projectRoot,
    // BENCH_CPU_PROF=<dir>: each server writes a V8 CPU profile there when it stops.
    execArgv: [...tsx, '--expose-gc', ...(process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : [])],
    env: {...process.env, ...env, BENCH_STACK: stack, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent'},
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const {url} = await waitFor<{url: string}>(child, 'ready', 60_000);
  return {
    url,
    memory: async () => {
      child.send({type: 'mem'});
      return (await waitFor<{mem: NodeJS.MemoryUsage}>(child, 'mem', 30_000)).mem;
    },
    peakRss: async () => {
      child.send({type: 'peak'});
      return (await waitFor<{peak: number}>(child, 'peak', 30_000)).peak;
    },
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

export interface Generator {
  run<T>(scenario: Scenario, timeoutMs?: number): Promise<T>;
  close(): Promise<void>;
}

export async function startGenerator(): Promise<Generator> {
  const child = fork(path.join(projectRoot, 'bench/gen.ts'), [], {cwd: projectRoot, execArgv: tsx, stdio: ['ignore', 'inherit', 'inherit', 'ipc']});
  await waitFor(child, 'ready', 60_000);
  return {
    async run<T>(scenario: Scenario, timeoutMs = 120_000) {
      child.send({type: 'run', scenario});
      return (await waitFor<{result: T}>(child, 'result', timeoutMs)).result;
    },
    async close() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.send({type: 'close'});
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** Runs a scenario in a fresh generator process that is closed afterwards. */
export async function generate<T>(scenario: Scenario, timeoutMs?: number): Promise<T> {
  const gen = await startGenerator();
  try {
    return await gen.run<T>(scenario, timeoutMs);
  } finally {
    await gen.close();
  }
}

export function percentile(samples: number[], p: number): number {
  if (samples.length === 0) return NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

export interface Row {
  metric: string;
  ours: string;
  baseline: string;
  ratio: string;
  budget: string;
  met: '✅' | '❌' | '—';
}

export function table(rows: Row[]): string {
  const head: Row = {metric: 'metric', ours: 'ours', baseline: 'baseline', ratio: 'ratio', budget: 'budget', met: '—'};
  const cells = (r: Row) => [r.metric, r.ours, r.baseline, r.ratio, r.budget, r === head ? 'met' : r.met];
  const lines = [cells(head), cells(head).map(() => '---'), ...rows.map(cells)];
  return lines.map((c) => `| ${c.join(' | ')} |`).join('\n');
}
