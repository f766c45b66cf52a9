'use strict';
/**
 * A V8 CPU profile of the process this module runs in (the CMS: in bench/cms-agent.js for a CMS child, in
 * bench/history.js for its in-process CMS), through the inspector. For Chrome DevTools, speedscope or
 * bench/profile-summary.js. Profiling costs throughput: don't keep figures from a profiled run.
 */
const fs = require('fs');
const path = require('path');

/** Starts profiling; `stop(file)` ends it and writes the profile to `file` (answers the path). */
async function startCpuProfile() {
  const session = new (require('inspector').Session)();
  session.connect();
  const post = (method, params = {}) => new Promise((resolve, reject) => session.post(method, params, (e, r) => (e ? reject(e) : resolve(r))));
  await post('Profiler.enable');
  await post('Profiler.start');
  return {
    async stop(file) {
      const { profile } = await post('Profiler.stop');
      session.disconnect();
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, JSON.stringify(profile));
      return file;
    },
  };
}

/** `<dir>/<prefix><measurement label as a slug>.cpuprofile`. */
const profileFile = (dir, label, prefix = '') =>
  path.resolve(dir, `${prefix}${label.replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '').toLowerCase()}.cpuprofile`);

module.exports = { startCpuProfile, profileFile };
