'use strict';
/**
 * `node bench/profile-summary.js <file.cpuprofile> [...]`: where a V8 CPU profile's time went, by package
 * (node_modules/<name>), by the app's own compiled code (cms/dist/src/…), by Node internals, and garbage
 * collection / idle, as shares of the sampled time. The profiles come from `BENCH_CPU_PROFILE=<dir> npm run bench`
 * (one per measurement); docs/benchmarks.md quotes these shares for the targets a run does not meet.
 */
const fs = require('fs');
const path = require('path');

function owner(url, functionName) {
  if (!url) {
    if (functionName === '(garbage collector)') return 'garbage collection';
    if (functionName === '(idle)') return 'idle (waiting for I/O)';
    if (functionName === '(program)') return 'V8 / native (program)';
    return `native: ${functionName || '(anonymous)'}`;
  }
  const nm = url.lastIndexOf('node_modules/');
  if (nm !== -1) {
    const rest = url.slice(nm + 'node_modules/'.length).split('/');
    return rest[0].startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0];
  }
  const src = url.indexOf('/dist/src/');
  if (src !== -1) return `app: ${url.slice(src + '/dist/src/'.length).split('/').slice(0, 4).join('/')}`;
  if (url.startsWith('node:')) return `node: ${url.slice(5).split('/')[0]}`;
  return url;
}

function summarize(file, top = 14) {
  const profile = JSON.parse(fs.readFileSync(file, 'utf8'));
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const selfUs = new Map();
  // Sample i lasted timeDeltas[i + 1] (the gap to the next sample); the last one is dropped.
  for (let i = 0; i < profile.samples.length - 1; i += 1) {
    const node = byId.get(profile.samples[i]);
    const key = owner(node.callFrame.url, node.callFrame.functionName);
    selfUs.set(key, (selfUs.get(key) ?? 0) + (profile.timeDeltas[i + 1] ?? 0));
  }
  const total = [...selfUs.values()].reduce((a, b) => a + b, 0);
  const busy = total - (selfUs.get('idle (waiting for I/O)') ?? 0);
  const rows = [...selfUs.entries()].filter(([k]) => k !== 'idle (waiting for I/O)').sort((a, b) => b[1] - a[1]).slice(0, top);
  return { file: path.basename(file), totalMs: total / 1000, busyMs: busy / 1000, rows: rows.map(([k, us]) => ({ owner: k, ms: us / 1000, share: busy ? us / busy : 0 })) };
}

if (require.main === module) {
  for (const file of process.argv.slice(2)) {
    const s = summarize(file);
    process.stdout.write(`\n${s.file}: ${s.busyMs.toFixed(0)} ms busy of ${s.totalMs.toFixed(0)} ms sampled\n`);
    for (const r of s.rows) process.stdout.write(`  ${(100 * r.share).toFixed(1).padStart(5)} %  ${r.owner}\n`);
  }
}

module.exports = { summarize };
