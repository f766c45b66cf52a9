/** Loads the mini program's own components and pages (TypeScript sources) into miniprogram-simulate. */
import path from 'path';
// eslint-disable-next-line @typescript-eslint/no-var-requires
const simulate = require('miniprogram-simulate');

export const MP_ROOT = path.resolve(__dirname, '..', '..', '..', 'miniprogram');

/**
 * `rel` is a path inside miniprogram/ without extension, e.g. `components/seat-map/seat-map`. TDesign
 * tags (t-*) are not resolvable here and render as plain elements, which the tests don't rely on.
 */
// Tests load each definition once per file and share the mini program's modules with the test (so
// installWx can reset the session and settings caches between tests). A component file required by an
// earlier definition does not register again for a later one: assert on it only in the first page that
// uses it, or use loadFresh.
const loaded = new Map<string, string>();
export function load(rel: string, overrides: Record<string, string> = {}): string {
  // A definition is registered once per test file; later renders reuse it.
  const key = `${rel}|${JSON.stringify(overrides)}`;
  if (!loaded.has(key)) loaded.set(key, simulate.load(path.join(MP_ROOT, rel), { rootPath: MP_ROOT, usingComponents: overrides }));
  return loaded.get(key)!;
}

/**
 * Loads a definition with a fresh module registry. The simulator registers a component by running its
 * file, and a file already required in this test file does not run again – so a component shared by
 * several pages (page-state, the TDesign look-alikes) would come out empty on the second page.
 */
export function loadFresh(rel: string, overrides: Record<string, string> = {}, tagName = 'main'): string {
  let id = '';
  jest.isolateModules(() => {
    id = simulate.load(path.join(MP_ROOT, rel), tagName, { rootPath: MP_ROOT, usingComponents: overrides });
  });
  return id;
}

export function render(id: string, props: Record<string, unknown> = {}) {
  const comp = simulate.render(id, props);
  const parent = document.createElement('parent-wrapper');
  comp.attach(parent);
  return comp;
}

export const sleep = (ms = 0): Promise<void> => simulate.sleep(ms);
export { simulate };
