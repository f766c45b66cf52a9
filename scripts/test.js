'use strict';
/**
 * npm test: the whole suite (unit + integration) on SQLite, or on MariaDB + Redis with TEST_DB=mariadb.
 * Extra arguments go to jest, e.g. `npm test -- tests/integration/foundation`.
 */
const path = require('path');
const { ROOT, BIN, run } = require('./lib');

const args = process.argv.slice(2);
// CI asks for a machine-readable result too (the plain "N passed, N failed" closing line comes from it).
if (process.env.JEST_JSON_OUT) args.push('--json', `--outputFile=${process.env.JEST_JSON_OUT}`);
run(path.join(BIN, 'jest'), ['--maxWorkers=2', ...args], {
  cwd: ROOT,
  env: { STRAPI_TELEMETRY_DISABLED: 'true', TEST_DB: process.env.TEST_DB || 'sqlite' },
});
