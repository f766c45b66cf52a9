/**
 * Private MariaDB and Redis servers a fault test may stop, kill and restart, so the shared services the
 * other tests use are never touched. Each has its own data directory under a temp dir, its own port and
 * socket; `close()` stops it and removes its files.
 */
import fs from 'fs';
import os from 'os';
import path from 'path';
import net from 'net';
import { execFileSync, spawn, type ChildProcess } from 'child_process';
import { freePort } from './cms';

export interface PrivateServer {
  host: string;
  port: number;
  /** Starts the server again on the same port and data (after stop or kill); resolves once it accepts connections. */
  start(): Promise<void>;
  /** A clean shutdown (SIGTERM); resolves when the process has exited. */
  stop(): Promise<void>;
  /** A crash (SIGKILL): no shutdown, the next start recovers from its own files. */
  kill(): Promise<void>;
  close(): Promise<void>;
  output(): string;
}

const which = (binary: string, dirs = ['/usr/sbin', '/usr/bin', '/usr/local/sbin', '/usr/local/bin']) => dirs.map((d) => path.join(d, binary)).find((p) => fs.existsSync(p)) ?? null;

export const privateMariaDbAvailable = () => !!which('mariadbd') && !!which('mariadb-install-db');
export const privateRedisAvailable = () => !!which('redis-server');

function acceptsConnections(port: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  return new Promise((resolve, reject) => {
    const attempt = () => {
      const socket = net.connect({ host: '127.0.0.1', port });
      socket.once('connect', () => {
        socket.destroy();
        resolve();
      });
      socket.once('error', () => {
        socket.destroy();
        if (Date.now() > deadline) reject(new Error(`nothing listens on port ${port} after ${timeoutMs} ms`));
        else setTimeout(attempt, 100);
      });
    };
    attempt();
  });
}

function supervise(command: string, args: () => string[], port: number, readyMs: number, ready?: (out: string) => boolean): Omit<PrivateServer, 'close' | 'host' | 'port'> & { child: () => ChildProcess | null } {
  let child: ChildProcess | null = null;
  let out = '';
  const exited = () => !child || child.exitCode !== null || child.signalCode !== null;
  const end = (signal: NodeJS.Signals) =>
    new Promise<void>((resolve) => {
      if (exited()) return resolve();
      child!.once('exit', () => resolve());
      child!.kill(signal);
    });
  return {
    child: () => child,
    output: () => out,
    async start() {
      if (!exited()) return;
      const from = out.length;
      child = spawn(command, args(), { stdio: ['ignore', 'pipe', 'pipe'] });
      child.stdout!.on('data', (d) => (out += d));
      child.stderr!.on('data', (d) => (out += d));
      await acceptsConnections(port, readyMs);
      if (ready) {
        const deadline = Date.now() + readyMs;
        while (!ready(out.slice(from)) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      }
    },
    stop: () => end('SIGTERM'),
    kill: () => end('SIGKILL'),
  };
}

/** A MariaDB server of its own (root without a password: grant tables are skipped, it listens on 127.0.0.1 only). */
export async function startPrivateMariaDb(): Promise<PrivateServer> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sr-mariadb-'));
  const datadir = path.join(dir, 'data');
  const port = await freePort();
  execFileSync(which('mariadb-install-db')!, ['--no-defaults', `--datadir=${datadir}`, `--user=${os.userInfo().username}`, '--auth-root-authentication-method=normal', '--skip-test-db'], { stdio: 'pipe' });
  const server = supervise(
    which('mariadbd')!,
    () => [
      '--no-defaults',
      `--datadir=${datadir}`,
      `--user=${os.userInfo().username}`,
      `--port=${port}`,
      '--bind-address=127.0.0.1',
      `--socket=${path.join(dir, 'mariadb.sock')}`,
      `--pid-file=${path.join(dir, 'mariadb.pid')}`,
      '--skip-grant-tables',
      '--skip-log-bin',
      '--innodb-buffer-pool-size=64M',
      '--innodb-log-file-size=16M',
      '--max-connections=300',
    ],
    port,
    60_000,
  );
  await server.start();
  return {
    host: '127.0.0.1',
    port,
    ...server,
    async close() {
      await server.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A Redis server of its own, without persistence unless `snapshot` (then it comes back with its data, as a Redis with RDB does). */
export async function startPrivateRedis(opts: { snapshot?: boolean } = {}): Promise<PrivateServer & { url: string }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sr-redis-'));
  const port = await freePort();
  const server = supervise(
    which('redis-server')!,
    () => ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--appendonly', 'no', '--save', opts.snapshot ? '1 1' : '', '--daemonize', 'no'],
    port,
    15_000,
    (out) => out.includes('Ready to accept connections'),
  );
  await server.start();
  return {
    host: '127.0.0.1',
    port,
    url: `redis://127.0.0.1:${port}`,
    ...server,
    async close() {
      await server.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
