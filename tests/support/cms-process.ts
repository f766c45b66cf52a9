/**
 * Extra CMS processes sharing one database with the in-test CMS: what production looks like behind
 * the proxy (several stateless processes, one MySQL, one Redis).
 */
import path from 'path';
import { spawn, type ChildProcess } from 'child_process';
import { freePort, type TestCms } from './cms';

export interface CmsProcess {
  url: string;
  child: ChildProcess;
  output: () => string;
  stop(): Promise<void>;
}

export async function spawnCmsProcess(env: Record<string, string>, timeoutMs = 90_000): Promise<CmsProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, [path.join(__dirname, 'serve-cms.js')], {
    env: { ...process.env, ...env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`CMS process did not start in ${timeoutMs} ms:\n${out.slice(-3000)}`)), timeoutMs);
    const check = () => {
      if (out.includes('CMS_READY')) {
        clearTimeout(timer);
        resolve();
      } else if (out.includes('CMS_FAILED')) {
        clearTimeout(timer);
        reject(new Error(out.slice(-3000)));
      }
    };
    child.stdout!.on('data', check);
    child.stderr!.on('data', check);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`CMS process exited (${code}):\n${out.slice(-3000)}`));
    });
  });
  return {
    url: `http://127.0.0.1:${port}`,
    child,
    output: () => out,
    async stop() {
      // Already gone (exited, or killed by a test with a signal): nothing to wait for.
      if (child.exitCode !== null || child.signalCode !== null) return;
      await new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 10_000).unref();
      });
    },
  };
}

/** A second process on the same database, Redis and emulator as `cms` (env of the first, new port). */
export function spawnSibling(cms: TestCms, extraEnv: Record<string, string> = {}) {
  return spawnCmsProcess({ ...cms.env, ...extraEnv });
}
