'use strict';
/**
 * npm run build:miniprogram — builds miniprogram/dist, a folder WeChat DevTools imports as it is:
 *  1. type-checks and compiles the TypeScript (miniprogram/tsconfig.json, the repo's typescript);
 *  2. copies the WXML / WXSS / JSON / images;
 *  3. copies into miniprogram_npm/tdesign-miniprogram only the TDesign components the pages use, with
 *     everything they reference (their own components, JS imports, WXS, WXSS imports, npm deps);
 *  4. prints the size of the main package and of each subpackage, and fails over WeChat's 2 MB limit
 *     per package (the target for the main package is 1.5 MB).
 */
const fs = require('fs');
const path = require('path');
const ts = require('typescript');

const ROOT = path.resolve(__dirname, '..');
const SRC = path.join(ROOT, 'miniprogram');
const OUT = path.join(SRC, 'dist');
const TDESIGN = path.join(path.dirname(require.resolve('tdesign-miniprogram/package.json')), 'miniprogram_dist');
const NPM_OUT = path.join(OUT, 'miniprogram_npm', 'tdesign-miniprogram');
const LIMIT = 2 * 1024 * 1024;
const MAIN_TARGET = 1.5 * 1024 * 1024;
const STATIC = new Set(['.json', '.wxml', '.wxss', '.wxs', '.png', '.jpg', '.jpeg', '.svg', '.gif', '.webp']);
const SKIP_DIRS = new Set(['dist', 'node_modules', 'miniprogram_npm', '.screenshot-stubs']);

function compile() {
  const configPath = path.join(SRC, 'tsconfig.json');
  const parsed = ts.getParsedCommandLineOfConfigFile(configPath, { outDir: OUT, noEmit: false, noEmitOnError: true }, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: (d) => { throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n')); } });
  const program = ts.createProgram(parsed.fileNames, parsed.options);
  const emitted = program.emit();
  const diagnostics = ts.getPreEmitDiagnostics(program).concat(emitted.diagnostics);
  if (diagnostics.length) {
    const host = { getCanonicalFileName: (f) => f, getCurrentDirectory: () => ROOT, getNewLine: () => '\n' };
    process.stderr.write(ts.formatDiagnosticsWithColorAndContext(diagnostics, host));
    throw new Error(`TypeScript: ${diagnostics.length} error(s)`);
  }
  return parsed.fileNames.length;
}

function copyStatic(dir = SRC) {
  let n = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const from = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!SKIP_DIRS.has(entry.name)) n += copyStatic(from);
      continue;
    }
    if (!STATIC.has(path.extname(entry.name)) || (dir === SRC && entry.name === 'tsconfig.json')) continue;
    const to = path.join(OUT, path.relative(SRC, from));
    fs.mkdirSync(path.dirname(to), { recursive: true });
    fs.copyFileSync(from, to);
    n += 1;
  }
  return n;
}

function walk(dir, out = []) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(p, out);
    else out.push(p);
  }
  return out;
}

/** TDesign components named in our JSON files, e.g. `qrcode/qrcode`. */
function usedTdesignComponents() {
  const used = new Set();
  for (const file of walk(OUT).filter((f) => f.endsWith('.json') && !f.includes(`${path.sep}miniprogram_npm${path.sep}`))) {
    const json = JSON.parse(fs.readFileSync(file, 'utf8'));
    for (const value of Object.values(json.usingComponents || {})) {
      if (typeof value === 'string' && value.startsWith('tdesign-miniprogram/')) used.add(value.slice('tdesign-miniprogram/'.length));
    }
  }
  return [...used];
}

/** Copies the used TDesign components and the closure of what they reference. */
function packTdesign(components) {
  const seen = new Set();
  const packages = new Set();
  const queue = [];
  const exists = (rel) => fs.existsSync(path.join(TDESIGN, rel)) && fs.statSync(path.join(TDESIGN, rel)).isFile();
  const addComponent = (base) => ['.js', '.json', '.wxml', '.wxss'].forEach((ext) => exists(base + ext) && queue.push(base + ext));
  const resolveFile = (fromRel, spec, exts) => {
    const base = path.posix.normalize(path.posix.join(path.posix.dirname(fromRel), spec));
    for (const candidate of [base, ...exts.map((e) => base + e), ...exts.map((e) => `${base}/index${e}`)]) if (exists(candidate)) return candidate;
    return null;
  };
  components.forEach(addComponent);
  while (queue.length) {
    const rel = queue.shift();
    if (seen.has(rel)) continue;
    seen.add(rel);
    const text = fs.readFileSync(path.join(TDESIGN, rel), 'utf8');
    const ext = path.extname(rel);
    const refs = [];
    if (ext === '.js' || ext === '.wxs') {
      for (const m of text.matchAll(/(?:\bfrom\s*|\bimport\s*|\brequire\(\s*)["']([^"']+)["']/g)) refs.push(m[1]);
      for (const spec of refs) {
        if (spec.startsWith('.')) {
          const f = resolveFile(rel, spec, ext === '.wxs' ? ['.wxs', '.js'] : ['.js']);
          if (f) queue.push(f);
        } else {
          packages.add(spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]);
        }
      }
    } else if (ext === '.json') {
      for (const value of Object.values(JSON.parse(text).usingComponents || {})) {
        addComponent(path.posix.normalize(path.posix.join(path.posix.dirname(rel), value)));
      }
    } else if (ext === '.wxml') {
      for (const m of text.matchAll(/<(?:wxs|import|include)\b[^>]*\bsrc=["']([^"']+)["']/g)) {
        const f = resolveFile(rel, m[1], ['.wxs', '.wxml']);
        if (f) queue.push(f);
      }
    } else if (ext === '.wxss') {
      for (const m of text.matchAll(/@import\s+["']([^"']+)["']/g)) {
        const f = resolveFile(rel, m[1], ['.wxss']);
        if (f) queue.push(f);
      }
    }
  }
  for (const rel of seen) {
    const to = path.join(NPM_OUT, rel);
    fs.mkdirSync(path.dirname(to), { recursive: true });
    fs.copyFileSync(path.join(TDESIGN, rel), to);
  }
  // TDesign's own npm dependencies (tslib, dayjs …) ship inside its miniprogram_dist/miniprogram_npm.
  for (const pkg of packages) {
    const from = path.join(TDESIGN, 'miniprogram_npm', pkg);
    if (!fs.existsSync(from)) throw new Error(`TDesign needs ${pkg}, which is not in its miniprogram_npm`);
    fs.cpSync(from, path.join(NPM_OUT, 'miniprogram_npm', pkg), { recursive: true });
  }
  return { files: seen.size, packages: [...packages] };
}

function sizeOf(dir, exclude = []) {
  if (!fs.existsSync(dir)) return 0;
  return walk(dir)
    .filter((f) => !exclude.some((x) => f.startsWith(x + path.sep)))
    .reduce((sum, f) => sum + fs.statSync(f).size, 0);
}

function packageSizes() {
  const app = JSON.parse(fs.readFileSync(path.join(OUT, 'app.json'), 'utf8'));
  const subs = (app.subPackages || app.subpackages || []).map((s) => ({ name: s.name || s.root, dir: path.join(OUT, s.root) }));
  const main = sizeOf(OUT, subs.map((s) => s.dir));
  return [{ name: 'main (主包)', bytes: main, limit: MAIN_TARGET }, ...subs.map((s) => ({ name: `subpackage ${s.name}`, bytes: sizeOf(s.dir), limit: LIMIT }))];
}

function main() {
  const started = Date.now();
  fs.rmSync(OUT, { recursive: true, force: true });
  const tsFiles = compile();
  const staticFiles = copyStatic();
  const components = usedTdesignComponents();
  const packed = packTdesign(components);
  const sizes = packageSizes();
  const kb = (b) => `${(b / 1024).toFixed(1)} KB`;
  console.log(`miniprogram/dist: ${tsFiles} TypeScript files compiled, ${staticFiles} static files copied`);
  console.log(`TDesign components used: ${components.join(', ') || 'none'} (${packed.files} files packed, deps: ${packed.packages.join(', ') || 'none'})`);
  console.log('package sizes (WeChat limit 2048 KB per package; main target 1536 KB):');
  let over = false;
  for (const s of sizes) {
    const flag = s.bytes > LIMIT ? '  OVER THE 2 MB LIMIT' : s.bytes > s.limit ? '  over the 1.5 MB target' : '';
    if (s.bytes > LIMIT) over = true;
    console.log(`  ${s.name.padEnd(22)} ${kb(s.bytes).padStart(10)}${flag}`);
  }
  console.log(`  ${'total'.padEnd(22)} ${kb(sizes.reduce((n, s) => n + s.bytes, 0)).padStart(10)}`);
  console.log(`built in ${((Date.now() - started) / 1000).toFixed(1)} s — open miniprogram/dist in WeChat DevTools (导入项目)`);
  if (over) process.exit(1);
}

if (require.main === module) {
  try {
    main();
  } catch (e) {
    console.error(`build:miniprogram failed: ${e.message}`);
    process.exit(1);
  }
}
module.exports = { packageSizes, usedTdesignComponents };
