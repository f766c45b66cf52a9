'use strict';
/**
 * npm start: compile the plugins, build the admin panel when missing or stale, create what must exist,
 * then serve the CMS on port 1337 (SQLite and demo data unless the environment says otherwise).
 */
const path = require('path');
const { CMS, BIN, spawn, compileServer, ensureRuntimeFolders, adminIsStale, buildAdmin } = require('./lib');

ensureRuntimeFolders();
if (adminIsStale()) {
  console.log('▸ Building the admin panel (first start or sources changed, about a minute)…');
  buildAdmin();
}
console.log('▸ Compiling the server and plugins…');
compileServer();

const child = spawn(path.join(BIN, 'strapi'), ['start'], {
  cwd: CMS,
  stdio: 'inherit',
  env: { STRAPI_TELEMETRY_DISABLED: 'true', ...process.env },
});
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
child.on('exit', (code) => process.exit(code ?? 0));
