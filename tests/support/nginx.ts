/**
 * The repository's own proxy configuration (deploy/nginx.conf), run by Debian's nginx in front of local
 * CMS processes: the file is rendered with its upstream servers pointed at those processes, a private
 * listen port, and its pid, logs and temp files under a temp dir; nothing else is changed, so what the
 * test shows is what the deployment does.
 */
import fs from 'fs';
import os from 'os';
import path from 'path';
import http from 'http';
import { spawn, execFileSync } from 'child_process';
import { ROOT, freePort } from './cms';

export const NGINX = process.env.TEST_NGINX_BIN || '/usr/sbin/nginx';
export const nginxAvailable = () => fs.existsSync(NGINX);

export interface RunningNginx {
  url: string;
  port: number;
  accessLog: () => string;
  errorLog: () => string;
  stop(): Promise<void>;
}

/** deploy/nginx.conf with its upstreams, listen address and file paths made local (throws if the file's shape changed). */
export function renderNginxConf(source: string, opts: { upstreams: string[]; port: number; dir: string }): string {
  const serverLines = /^([ \t]*)server\s+\S+:1337(\s[^;]*)?;[^\n]*\n/gm;
  const matches = [...source.matchAll(serverLines)];
  if (matches.length === 0) throw new Error('deploy/nginx.conf: no `server <host>:1337 …;` lines in the upstream block');
  const [indent, params] = [matches[0][1], matches[0][2] ?? ''];
  let first = true;
  let out = source.replace(serverLines, () => {
    if (!first) return '';
    first = false;
    return opts.upstreams.map((u) => `${indent}server ${u}${params};\n`).join('');
  });
  const replace = (from: RegExp, to: string) => {
    if (!from.test(out)) throw new Error(`deploy/nginx.conf: expected ${from} to render it for the test`);
    out = out.replace(from, to);
  };
  replace(/listen\s+80\s+default_server;/, `listen 127.0.0.1:${opts.port} default_server;`);
  replace(/access_log\s+\/var\/log\/nginx\/access\.log\s+main;/, `access_log ${opts.dir}/access.log main;`);
  replace(/^worker_processes\s+auto;/m, 'worker_processes 1;');
  const temp = ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map((t) => `  ${t}_temp_path ${opts.dir}/${t};`).join('\n');
  replace(/^http\s*\{/m, `http {\n${temp}`);
  // Run as the current user (as root, nginx would hand its workers to `nobody`, who cannot use the temp dir).
  const user = os.userInfo().uid === 0 ? `user ${os.userInfo().username};\n` : '';
  return `${user}pid ${opts.dir}/nginx.pid;\nerror_log ${opts.dir}/error.log warn;\n${out}`;
}

export async function startNginx(opts: { upstreams: string[]; port?: number }): Promise<RunningNginx> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sr-nginx-'));
  const port = opts.port ?? (await freePort());
  const conf = path.join(dir, 'nginx.conf');
  fs.writeFileSync(conf, renderNginxConf(fs.readFileSync(path.join(ROOT, 'deploy', 'nginx.conf'), 'utf8'), { upstreams: opts.upstreams, port, dir }));
  execFileSync(NGINX, ['-t', '-p', dir, '-c', conf], { stdio: 'pipe' });
  const child = spawn(NGINX, ['-p', dir, '-c', conf, '-g', 'daemon off;'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i += 1) {
    try {
      await fetch(`${url}/api/ping`);
      break;
    } catch {
      if (i > 100 || child.exitCode !== null) throw new Error(`nginx did not start:\n${out}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  const read = (f: string) => (fs.existsSync(path.join(dir, f)) ? fs.readFileSync(path.join(dir, f), 'utf8') : '');
  return {
    url,
    port,
    accessLog: () => read('access.log'),
    errorLog: () => read('error.log') + out,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        await new Promise<void>((resolve) => {
          child.once('exit', () => resolve());
          child.kill('SIGQUIT');
          setTimeout(() => child.kill('SIGKILL'), 5000).unref();
        });
      }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** An HTTP request from a given loopback address (127.0.0.0/8 is all local on Linux): another client, as the proxy sees it. */
export function requestFrom(from: string, url: string, init: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<{ status: number; body: any; headers: http.IncomingHttpHeaders }> {
  return new Promise((resolve, reject) => {
    const headers = { ...init.headers, ...(init.body ? { 'content-length': String(Buffer.byteLength(init.body)) } : {}) };
    const req = http.request(url, { method: init.method ?? 'GET', headers, localAddress: from, agent: false }, (res) => {
      let data = '';
      res.setEncoding('utf8');
      res.on('data', (d) => (data += d));
      res.on('end', () => {
        let body: any = data;
        try {
          body = JSON.parse(data);
        } catch {
          /* not JSON: keep the text */
        }
        resolve({ status: res.statusCode ?? 0, body, headers: res.headers });
      });
    });
    req.on('error', reject);
    if (init.body) req.write(init.body);
    req.end();
  });
}
