/** Every permission of the booking plugin, declared once. */
export const MEMBER_ACTIONS = ['availability', 'quote', 'create', 'list', 'cancelMany', 'detail', 'cancel', 'payment', 'qr', 'checkin', 'checkout'].map(
  (a) => `plugin::booking.member.${a}`,
);

/** Member back office: one action per page and per staff action (shared with the admin pages). */
export const MEMBER_ADMIN_ACTIONS = {
  read: 'plugin::booking.members.read',
  ban: 'plugin::booking.members.ban',
  tag: 'plugin::booking.members.tag',
  readAppeals: 'plugin::booking.appeals.read',
  reviewAppeals: 'plugin::booking.appeals.review',
  runBatches: 'plugin::booking.batches.run',
} as const;

export const STAFF_ACTIONS = [
  { section: 'plugins', displayName: 'Read bookings 查看预约', uid: 'bookings.read', pluginName: 'booking' },
  { section: 'plugins', displayName: 'Manage bookings 管理预约 (cancel, move, check in)', uid: 'bookings.manage', pluginName: 'booking' },
  { section: 'plugins', displayName: 'View members 查看会员', uid: 'members.read', pluginName: 'booking', subCategory: 'members' },
  { section: 'plugins', displayName: 'Ban and lift bans 封禁/解封会员', uid: 'members.ban', pluginName: 'booking', subCategory: 'members' },
  { section: 'plugins', displayName: 'Tag members 会员打标', uid: 'members.tag', pluginName: 'booking', subCategory: 'members' },
  { section: 'plugins', displayName: 'View appeals 查看申诉', uid: 'appeals.read', pluginName: 'booking', subCategory: 'appeals' },
  { section: 'plugins', displayName: 'Accept or reject appeals 处理申诉', uid: 'appeals.review', pluginName: 'booking', subCategory: 'appeals' },
  { section: 'plugins', displayName: 'Run member batches 批量操作', uid: 'batches.run', pluginName: 'booking', subCategory: 'batches' },
];

const ALL_MEMBER_ADMIN = Object.values(MEMBER_ADMIN_ACTIONS);
const FRONT_DESK_MEMBER_ADMIN = ALL_MEMBER_ADMIN.filter((a) => a !== MEMBER_ADMIN_ACTIONS.runBatches);

export const STAFF_GRANTS = {
  'store-manager': ['plugin::booking.bookings.read', 'plugin::booking.bookings.manage', ...ALL_MEMBER_ADMIN],
  'front-desk': ['plugin::booking.bookings.read', 'plugin::booking.bookings.manage', ...FRONT_DESK_MEMBER_ADMIN],
};
