/**
 * Reading another CMS process over plain HTTP, and waiting for it to see a change: what the
 * cross-process cache tests measure ("seen by the other process after N ms").
 */

/** Polls `read` until `ok` holds for its answer; returns how long that took (ms), or -1. */
export async function within(read: () => Promise<any>, ok: (answer: any) => boolean, limitMs = 5000) {
  const t0 = Date.now();
  while (Date.now() - t0 < limitMs) {
    if (ok(await read())) return Date.now() - t0;
    await new Promise((r) => setTimeout(r, 20));
  }
  return -1;
}

/** GET `path` of the process at `base`: status, headers and the parsed body. */
export async function getFrom(base: string, path: string, auth: Record<string, string> = {}) {
  const res = await fetch(`${base}${path}`, { headers: auth });
  return { status: res.status, headers: res.headers, body: (await res.json()) as any };
}

/** POST a JSON body to `path` of the process at `base`: status and the parsed body. */
export async function postTo(base: string, path: string, auth: Record<string, string>, body: unknown) {
  const res = await fetch(`${base}${path}`, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: res.status, body: (await res.json()) as any };
}
