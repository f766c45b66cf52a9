'use strict';
// Compile the CMS once for the whole run (compileStrapi() would process.exit on a type error and
// kill the runner); each test file then boots the compiled app against its own fresh database.
const { compileServer, ensureRuntimeFolders } = require('../../scripts/lib');

module.exports = async () => {
  process.env.TEST_RUN_ID = process.env.TEST_RUN_ID || `${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;
  ensureRuntimeFolders();
  compileServer();
};
