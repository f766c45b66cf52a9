/** Every permission of the booking plugin, declared once. */
export const MEMBER_ACTIONS = ['availability', 'quote', 'create', 'list', 'cancelMany', 'detail', 'cancel', 'payment', 'qr', 'checkin', 'checkout', 'offlineProof'].map(
  (a) => `plugin::booking.member.${a}`,
);

/**
 * Staff (admin RBAC) actions. The same ids guard the admin routes (`admin::hasPermissions`), hide menu
 * links and buttons in the admin pages (admin/src/utils/permissions.ts repeats the ids for the browser
 * bundle), and are granted per staff role below.
 */
export const ADMIN_ACTIONS = {
  readDashboard: 'plugin::booking.dashboard.read',
  readBookings: 'plugin::booking.bookings.read',
  manageBookings: 'plugin::booking.bookings.manage',
  /** Cancelling without the fee gives money away: the manager's call. */
  waiveFee: 'plugin::booking.bookings.waive-fee',
  checkIn: 'plugin::booking.checkin',
  verifyOffline: 'plugin::booking.offline.verify',
  /** Member lists and booking histories leave the building: manager only. */
  readExports: 'plugin::booking.exports.read',
} as const;

export const STAFF_ACTIONS = [
  { uid: 'dashboard.read', displayName: 'Dashboard 经营看板', subCategory: 'dashboard' },
  { uid: 'bookings.read', displayName: 'Read bookings 查看预约', subCategory: 'bookings' },
  { uid: 'bookings.manage', displayName: 'Manage bookings 管理预约 (cancel, move)', subCategory: 'bookings' },
  { uid: 'bookings.waive-fee', displayName: 'Cancel without fee 免手续费取消', subCategory: 'bookings' },
  { uid: 'checkin', displayName: 'Check members in 签到', subCategory: 'bookings' },
  { uid: 'offline.verify', displayName: 'Verify offline payments 线下支付核验', subCategory: 'offline' },
  { uid: 'exports.read', displayName: 'Export CSV 导出数据', subCategory: 'exports' },
].map((a) => ({ section: 'plugins', pluginName: 'booking', ...a }));

export const STAFF_GRANTS: Record<string, string[]> = {
  'store-manager': Object.values(ADMIN_ACTIONS),
  'front-desk': [ADMIN_ACTIONS.readDashboard, ADMIN_ACTIONS.readBookings, ADMIN_ACTIONS.manageBookings, ADMIN_ACTIONS.checkIn, ADMIN_ACTIONS.verifyOffline],
};
