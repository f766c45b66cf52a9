'use strict';
// Child-process entry: boots the compiled CMS with the environment it was given and serves HTTP on
// PORT. Used by tests that need several CMS processes on one database (races, cluster-wide cron).
const path = require('path');

const ROOT = path.resolve(__dirname, '..', '..');
const CMS = path.join(ROOT, 'cms');
const DIST = process.env.STUDYROOM_DIST_DIR || path.join(CMS, 'dist');

(async () => {
  const { createStrapi } = require('@strapi/strapi');
  const strapi = await createStrapi({ appDir: CMS, distDir: DIST }).load();
  strapi.server.mount();
  await new Promise((resolve) => strapi.server.httpServer.listen(Number(process.env.PORT), '127.0.0.1', resolve));
  // A bench script's command channel (bench/cms-agent.js), when it asked for one.
  if (process.env.CMS_AGENT && process.send) require(process.env.CMS_AGENT)(strapi);
  process.stdout.write(`CMS_READY ${process.env.PORT}\n`);
  const stop = async () => {
    await strapi.destroy().catch(() => undefined);
    process.exit(0);
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
})().catch((err) => {
  process.stderr.write(`CMS_FAILED ${err && err.stack ? err.stack : err}\n`);
  process.exit(1);
});
