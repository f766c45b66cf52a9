/** Every permission of the booking plugin, declared once. */
export const MEMBER_ACTIONS = ['availability', 'quote', 'create', 'list', 'cancelMany', 'detail', 'cancel', 'payment', 'qr', 'checkin', 'checkout'].map(
  (a) => `plugin::booking.member.${a}`,
);

export const STAFF_ACTIONS = [
  { section: 'plugins', displayName: 'Read bookings 查看预约', uid: 'bookings.read', pluginName: 'booking' },
  { section: 'plugins', displayName: 'Manage bookings 管理预约 (cancel, move, check in)', uid: 'bookings.manage', pluginName: 'booking' },
];

export const STAFF_GRANTS = {
  'store-manager': ['plugin::booking.bookings.read', 'plugin::booking.bookings.manage'],
  'front-desk': ['plugin::booking.bookings.read', 'plugin::booking.bookings.manage'],
};
