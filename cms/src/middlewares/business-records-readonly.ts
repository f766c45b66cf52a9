import { fail } from '../platform/errors';

/**
 * Business records change only through the plugins' services (claims, WeChat refunds, the ledger), so
 * the content manager may read them but never write them – for every admin, the super admin included
 * (RBAC cannot hold the super admin back, so this is a middleware, not a permission).
 * Every content type of the booking and payments plugins is such a record.
 */
export const SERVICE_OWNED_PREFIXES = ['plugin::booking.', 'plugin::payments.'];

const CM_WRITE = /^\/content-manager\/(collection-types|single-types)\/([^/]+)/;

export function isServiceOwned(uid: string): boolean {
  return SERVICE_OWNED_PREFIXES.some((p) => uid.startsWith(p));
}

export default () => async (ctx: any, next: () => Promise<void>) => {
  if (ctx.method !== 'GET' && ctx.method !== 'HEAD' && ctx.method !== 'OPTIONS') {
    const m = CM_WRITE.exec(ctx.path);
    if (m) {
      let uid = m[2];
      try {
        uid = decodeURIComponent(uid);
      } catch {
        /* a malformed path is refused by the router anyway */
      }
      if (isServiceOwned(uid)) {
        throw fail('FORBIDDEN', 'Bookings, payments, wallets and the other business records are changed only through the 预约/会员/退款 pages, which keep their guarantees; the content manager shows them read-only.', { contentType: uid });
      }
    }
  }
  await next();
};
