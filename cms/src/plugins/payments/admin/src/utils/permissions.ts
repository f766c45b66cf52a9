/**
 * The admin actions these pages use, named once. The server registers the same uids (booking and
 * payments permissions.ts) and its routes check them with admin::hasPermissions.
 */
const p = (action: string) => [{ action, subject: null }];

export const PERMISSIONS = {
  readMembers: p('plugin::booking.members.read'),
  banMembers: p('plugin::booking.members.ban'),
  tagMembers: p('plugin::booking.members.tag'),
  readAppeals: p('plugin::booking.appeals.read'),
  reviewAppeals: p('plugin::booking.appeals.review'),
  runBatches: p('plugin::booking.batches.run'),
  readRefunds: p('plugin::payments.refunds.read'),
  reviewRefunds: p('plugin::payments.refunds.review'),
  readWallets: p('plugin::payments.wallets.read'),
  adjustWallets: p('plugin::payments.wallets.adjust'),
  readBookings: p('plugin::booking.bookings.read'),
  readCoupons: p('plugin::payments.coupons.read'),
  manageCoupons: p('plugin::payments.coupons.manage'),
  issueCoupons: p('plugin::payments.coupons.issue'),
  readTags: p('plugin::booking.tags.read'),
  manageTags: p('plugin::booking.tags.manage'),
} as const;
