/**
 * A finished answer of a use case: the body API.md describes (`data`, `meta`), and the status and
 * headers when they are not a plain 200. Services build it; a controller validates, calls one service
 * and hands the reply over with `respond`.
 */
export interface Reply<T = unknown> {
  status?: number;
  headers?: Record<string, string>;
  body: { data: T; meta: Record<string, unknown> };
}

export const reply = <T>(data: T, meta: Record<string, unknown> = {}, extra: Pick<Reply, 'status' | 'headers'> = {}): Reply<T> => ({ ...extra, body: { data, meta } });

export function respond(ctx: any, answer: Reply): void {
  if (answer.status) ctx.status = answer.status;
  for (const [name, value] of Object.entries(answer.headers ?? {})) ctx.set(name, value);
  ctx.body = answer.body;
}
