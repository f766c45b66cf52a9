'use strict';
// Shared by the start/test/build scripts: where things are and how to run the CMS toolchain.
const path = require('path');
const fs = require('fs');
const crypto = require('crypto');
const { spawnSync, spawn } = require('child_process');

const ROOT = path.resolve(__dirname, '..');
const CMS = path.join(ROOT, 'cms');
const BIN = path.join(ROOT, 'node_modules', '.bin');

function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { stdio: 'inherit', cwd: opts.cwd ?? ROOT, env: { ...process.env, ...(opts.env ?? {}) } });
  if (r.status !== 0) {
    console.error(`\n✖ ${path.basename(cmd)} ${args.join(' ')} failed (exit ${r.status})`);
    process.exit(r.status ?? 1);
  }
}

/** Compile the app and both plugin servers (one tsc program, see NOTES.md option b). */
function compileServer(outDir = distDir()) {
  run(path.join(BIN, 'tsc'), ['-p', path.join(CMS, 'tsconfig.json'), '--outDir', outDir, '--tsBuildInfoFile', path.join(outDir, '.tsbuildinfo')]);
}

/** Where the compiled server lives (STUDYROOM_DIST_DIR keeps parallel runs apart). */
function distDir() {
  return process.env.STUDYROOM_DIST_DIR || path.join(CMS, 'dist');
}

function ensureRuntimeFolders() {
  fs.mkdirSync(path.join(CMS, 'public', 'uploads'), { recursive: true });
  fs.mkdirSync(path.join(CMS, '.tmp'), { recursive: true });
}

function listFiles(dir) {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? listFiles(p) : [p];
  });
}

/** Fingerprint of everything the admin bundle is built from. */
function adminFingerprint() {
  const files = [
    ...listFiles(path.join(CMS, 'src', 'admin')),
    ...fs.readdirSync(path.join(CMS, 'src', 'plugins')).flatMap((p) => [
      ...listFiles(path.join(CMS, 'src', 'plugins', p, 'admin')),
      path.join(CMS, 'src', 'plugins', p, 'strapi-admin.js'),
    ]),
    path.join(CMS, 'package.json'),
    path.join(ROOT, 'package-lock.json'),
  ].filter((f) => fs.existsSync(f)).sort();
  const h = crypto.createHash('sha256');
  for (const f of files) h.update(path.relative(ROOT, f)).update(fs.readFileSync(f));
  return h.digest('hex');
}

// Strapi 5 writes the admin bundle to <distDir>/build and serves it from there; `strapi build` and
// `strapi start` take distDir from cms/tsconfig.json's outDir (cms/dist), whatever STUDYROOM_DIST_DIR says.
const ADMIN_BUILD_DIR = path.join(CMS, 'dist', 'build');
const FINGERPRINT_FILE = path.join(ADMIN_BUILD_DIR, '.studyroom-fingerprint');

function adminIsStale() {
  if (!fs.existsSync(path.join(ADMIN_BUILD_DIR, 'index.html'))) return true;
  return !fs.existsSync(FINGERPRINT_FILE) || fs.readFileSync(FINGERPRINT_FILE, 'utf8') !== adminFingerprint();
}

function buildAdmin() {
  const fp = adminFingerprint();
  run(path.join(BIN, 'strapi'), ['build', '--minify'], { cwd: CMS, env: { STRAPI_TELEMETRY_DISABLED: 'true' } });
  fs.writeFileSync(FINGERPRINT_FILE, fp);
}

/**
 * V8's old-space cap for a production CMS process (deploy/Dockerfile sets the same in NODE_OPTIONS). One
 * process holds about 120 MiB of live heap after a full collection under booking load; without a cap V8
 * let garbage build up to ~450 MiB of heap (590 MiB RSS) before collecting it. Exports stream, and ran
 * within a 160 MiB cap.
 */
const PRODUCTION_MAX_OLD_SPACE_MB = 256;

module.exports = { ROOT, CMS, BIN, run, spawn, compileServer, distDir, ensureRuntimeFolders, adminIsStale, buildAdmin, PRODUCTION_MAX_OLD_SPACE_MB };
