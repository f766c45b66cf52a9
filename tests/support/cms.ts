/**
 * Boots the real CMS (compiled by global-setup) in this test process with a real HTTP server, a fresh
 * database (SQLite file, or a new MariaDB database with TEST_DB=mariadb) and a fresh WeChat emulator.
 */
import path from 'path';
import fs from 'fs';
import net from 'net';
import supertest from 'supertest';
import mysql from 'mysql2/promise';
// eslint-disable-next-line @typescript-eslint/no-var-requires
const { startWechatEmulator } = require('../emulator');
// eslint-disable-next-line @typescript-eslint/no-var-requires
const { cmsEnvFor } = require('../emulator/fixtures');
// eslint-disable-next-line @typescript-eslint/no-var-requires
const dbConfig = require('./db-config');

export const ROOT = path.resolve(__dirname, '..', '..');
export const CMS_DIR = path.join(ROOT, 'cms');
export const DIST_DIR = process.env.STUDYROOM_DIST_DIR || path.join(CMS_DIR, 'dist');
const ARTIFACTS = path.join(ROOT, 'tests', '.artifacts');

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

export const usingMariaDb = () => process.env.TEST_DB === 'mariadb';

let counter = 0;
export function uniqueName(prefix = 'f') {
  counter += 1;
  return `${prefix}_${process.env.TEST_RUN_ID ?? 'local'}_${process.env.JEST_WORKER_ID ?? '0'}_${counter}_${Math.random().toString(36).slice(2, 8)}`.replace(/[^A-Za-z0-9_]/g, '_');
}

/** Environment of a CMS with a database of its own; also used to start extra CMS processes. */
export async function databaseEnv(name: string): Promise<Record<string, string>> {
  if (usingMariaDb()) {
    const conn = await mysql.createConnection(dbConfig.adminConnection());
    await conn.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
    await conn.end();
    const a = dbConfig.adminConnection();
    return {
      DATABASE_CLIENT: 'mysql',
      DATABASE_HOST: a.host,
      DATABASE_PORT: String(a.port),
      DATABASE_USERNAME: a.user,
      DATABASE_PASSWORD: a.password,
      DATABASE_NAME: name,
      DATABASE_POOL_MAX: '20',
      REDIS_URL: dbConfig.redisUrl(),
      REDIS_PREFIX: `${name}:`,
    };
  }
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  const file = path.join(ARTIFACTS, `${name}.db`);
  for (const f of [file, `${file}-wal`, `${file}-shm`]) fs.rmSync(f, { force: true });
  return { DATABASE_CLIENT: 'sqlite', DATABASE_FILENAME: file };
}

export const BASE_TEST_ENV = {
  NODE_ENV: 'test',
  STRAPI_TELEMETRY_DISABLED: 'true',
  SEED_DEMO_DATA: 'false',
  JOBS_ENABLED: 'false',
  AUTH_RATELIMIT_ENABLED: 'false',
  // The suite makes many requests quickly from one address; rate-limit tests turn them on for their own CMS.
  RATE_LIMIT_ENABLED: 'false',
  // A test process runs the CMS and its clients on one event loop, where bcrypt or a boot can block it for
  // longer than production's 300 ms Redis command timeout; the Redis fault tests set the production value.
  REDIS_COMMAND_TIMEOUT_MS: '1500',
  LOG_LEVEL: 'warn',
  BROWSER: 'none',
};

export interface TestCms {
  strapi: any;
  url: string;
  api: supertest.Agent;
  emulator: any;
  env: Record<string, string>;
  dbName: string;
  close(): Promise<void>;
}

export async function startCms(opts: { env?: Record<string, string>; emulator?: any } = {}): Promise<TestCms> {
  const dbName = uniqueName('sr_t');
  const emulator = opts.emulator ?? (await startWechatEmulator({ port: 0 }));
  // The port is chosen before boot so the notify URLs WeChat calls back are known to the config.
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const env: Record<string, string> = {
    ...BASE_TEST_ENV,
    ...(await databaseEnv(dbName)),
    ...cmsEnvFor(emulator.url, { notifyUrl: `${base}/api/payments/wechat/notify`, refundNotifyUrl: `${base}/api/payments/wechat/refund-notify` }),
    PUBLIC_URL: base,
    ...(opts.env ?? {}),
  };
  const saved = { ...process.env };
  Object.assign(process.env, env);
  if (!usingMariaDb()) delete process.env.REDIS_URL;
  if (opts.env && 'REDIS_URL' in opts.env) process.env.REDIS_URL = opts.env.REDIS_URL;

  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const { createStrapi } = require('@strapi/strapi');
  const strapi = await createStrapi({ appDir: CMS_DIR, distDir: DIST_DIR }).load();
  strapi.server.mount();
  await new Promise<void>((resolve) => strapi.server.httpServer.listen(port, '127.0.0.1', () => resolve()));
  const url = base;

  return {
    strapi,
    url,
    api: supertest.agent(url),
    emulator,
    env,
    dbName,
    async close() {
      await settleDatabase(strapi);
      await strapi.destroy();
      if (!opts.emulator) await emulator.close();
      process.env = saved;
    },
  };
}

/**
 * Strapi's document service emits its entry events after commit, without anyone awaiting them; each opens
 * a transaction and reads the entry back. Destroying the pool under them leaves a rejection that surfaces
 * in whichever test file the jest worker runs next. Wait (briefly) for the pool to go idle first.
 */
async function settleDatabase(strapi: any): Promise<void> {
  const pool = strapi.db?.connection?.client?.pool;
  if (!pool) return;
  const busy = () => pool.numUsed() + pool.numPendingAcquires() + pool.numPendingCreates();
  const until = Date.now() + 5000;
  do await new Promise((r) => setTimeout(r, 25));
  while (busy() > 0 && Date.now() < until);
}
