'use strict';
// Browser tests need what the integration tests need (the compiled server) plus the admin bundle,
// built only when missing or stale (about a minute and a half on two cores).
const integrationSetup = require('./global-setup');
const { adminIsStale, buildAdmin } = require('../../scripts/lib');

module.exports = async () => {
  await integrationSetup();
  if (adminIsStale()) {
    process.stdout.write('\n▸ Building the admin panel for the browser tests…\n');
    buildAdmin();
  }
};
