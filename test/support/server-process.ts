import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';

/** The repository: this file runs from `test/support` under jest, from `dist/test/support` in the bench. */
function repositoryRoot(from: string): string {
  for (let dir = from; dir !== dirname(dir); dir = dirname(dir))
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'tsconfig.build.json')))
      return dir;
  throw new Error(`no repository above ${from}`);
}

const ROOT = repositoryRoot(__dirname);
/** A file of the compiled build (`dist/`). */
export const compiled = (...path: string[]) => join(ROOT, 'dist', ...path);
/** The compiled entry point `npm start` runs. */
export const SERVER_ENTRY = compiled('apps', 'api', 'src', 'main.js');

/**
 * Compiles the server as `npm start` does (`tsc -b`: nothing when dist is up to date), so a
 * test can run the real thing as a process.
 */
export function buildServer(): void {
  execFileSync(
    process.execPath,
    [require.resolve('typescript/bin/tsc'), '-b', join(ROOT, 'tsconfig.build.json')],
    { cwd: ROOT, stdio: 'inherit' },
  );
}

/** A port nothing listens on just now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

export interface ServerProcess {
  child: ChildProcess;
  url: string;
  /** Milliseconds from spawning the process until `/health/ready` answered 200. */
  readyAfterMs: number;
  /** Every line the server logged so far (JSON, one object per line). */
  logLines(): string[];
  /** Resident set size now (Linux `/proc`), in MiB; null where that cannot be read. */
  rssMiB(): number | null;
  /** The largest resident set size the process has had, in MiB. */
  peakRssMiB(): number | null;
  /** `kill -9`: no shutdown hooks, no flush, nothing. */
  kill9(): Promise<void>;
  /** SIGTERM, and wait for the exit. */
  stop(): Promise<void>;
}

function memoryOf(child: ChildProcess, field: 'VmRSS' | 'VmHWM'): number | null {
  try {
    const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
    const kib = new RegExp(`${field}:\\s+(\\d+)\\s+kB`).exec(status)?.[1];
    return kib ? Number(kib) / 1024 : null;
  } catch {
    return null;
  }
}

const exited = (child: ChildProcess) =>
  child.exitCode !== null || child.signalCode !== null
    ? Promise.resolve()
    : new Promise<void>((resolve) => child.once('exit', () => resolve()));

/**
 * Starts `node dist/apps/api/src/main.js` on the embedded store in `dataDir` and waits,
 * polling `/health/ready`, until it is ready to serve (`readyTimeoutMs` at most).
 */
export async function startServer({
  dataDir,
  env = {},
  readyTimeoutMs = 120_000,
  execArgv = [],
}: {
  dataDir: string;
  env?: Record<string, string>;
  readyTimeoutMs?: number;
  execArgv?: string[];
}): Promise<ServerProcess> {
  const port = await freePort();
  const started = performance.now();
  const child = spawn(process.execPath, [...execArgv, SERVER_ENTRY], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      PORT: String(port),
      CLF_DATA_DIR: dataDir,
      CLF_SCHEDULER: 'off',
      LOG_LEVEL: 'warn',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  let partial = '';
  const collect = (chunk: Buffer) => {
    const text = partial + chunk.toString('utf8');
    const parts = text.split('\n');
    partial = parts.pop() ?? '';
    lines.push(...parts.filter((line) => line.length > 0));
  };
  child.stdout!.on('data', collect);
  child.stderr!.on('data', collect);
  const url = `http://127.0.0.1:${port}`;

  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null)
      throw new Error(
        `the server exited (${child.exitCode ?? child.signalCode}):\n${lines.join('\n')}`,
      );
    if (performance.now() - started > readyTimeoutMs) {
      child.kill('SIGKILL');
      throw new Error(`the server was not ready within ${readyTimeoutMs} ms`);
    }
    const ready = await fetch(`${url}/health/ready`, { signal: AbortSignal.timeout(5_000) }).then(
      (response) => response.status === 200,
      () => false,
    );
    if (ready) break;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  const readyAfterMs = performance.now() - started;

  return {
    child,
    url,
    readyAfterMs,
    logLines: () => [...lines],
    rssMiB: () => memoryOf(child, 'VmRSS'),
    peakRssMiB: () => memoryOf(child, 'VmHWM'),
    kill9: async () => {
      child.kill('SIGKILL');
      await exited(child);
    },
    stop: async () => {
      child.kill('SIGTERM');
      await exited(child);
    },
  };
}
