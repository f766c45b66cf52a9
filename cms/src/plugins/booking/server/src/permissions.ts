/** Every permission of the booking plugin, declared once. */
export const MEMBER_ACTIONS = ['availability', 'quote', 'create', 'list', 'cancelMany', 'detail', 'cancel', 'payment', 'qr', 'checkin', 'checkout', 'offlineProof'].map(
  (a) => `plugin::booking.member.${a}`,
).concat(['join', 'listMine', 'leave'].map((a) => `plugin::booking.waitlist.${a}`));

/** Store content: announcements (the content editor's whole job) and the business parameters (manager). */
export const CONTENT_ADMIN_ACTIONS = {
  readAnnouncements: 'plugin::booking.announcements.read',
  writeAnnouncements: 'plugin::booking.announcements.write',
  /** Publishing, scheduling and taking down: what members see. */
  publishAnnouncements: 'plugin::booking.announcements.publish',
  readParameters: 'plugin::booking.parameters.read',
  updateParameters: 'plugin::booking.parameters.update',
} as const;

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
  ...CONTENT_ADMIN_ACTIONS,
} as const;

/** Member back office: one action per page and per staff action (shared with the admin pages). */
export const MEMBER_ADMIN_ACTIONS = {
  read: 'plugin::booking.members.read',
  ban: 'plugin::booking.members.ban',
  tag: 'plugin::booking.members.tag',
  readAppeals: 'plugin::booking.appeals.read',
  reviewAppeals: 'plugin::booking.appeals.review',
  runBatches: 'plugin::booking.batches.run',
} as const;

/** Store setup: rooms (settings, photos, hours, prices, closures) and seat layouts. */
export const ROOM_ADMIN_ACTIONS = {
  read: 'plugin::booking.rooms.read',
  manage: 'plugin::booking.rooms.manage',
  editLayout: 'plugin::booking.layout.edit',
} as const;

/** 标签 Tags page: tags with member counts; their rules (what the rule job gives out) are the manager's. */
export const TAG_ADMIN_ACTIONS = {
  read: 'plugin::booking.tags.read',
  manage: 'plugin::booking.tags.manage',
} as const;

export const STAFF_ACTIONS = [
  { uid: 'dashboard.read', displayName: 'Dashboard 经营看板', subCategory: 'dashboard' },
  { uid: 'bookings.read', displayName: 'Read bookings 查看预约', subCategory: 'bookings' },
  { uid: 'bookings.manage', displayName: 'Manage bookings 管理预约 (cancel, move)', subCategory: 'bookings' },
  { uid: 'bookings.waive-fee', displayName: 'Cancel without fee 免手续费取消', subCategory: 'bookings' },
  { uid: 'checkin', displayName: 'Check members in 签到', subCategory: 'bookings' },
  { uid: 'offline.verify', displayName: 'Verify offline payments 线下支付核验', subCategory: 'offline' },
  { uid: 'exports.read', displayName: 'Export CSV 导出数据', subCategory: 'exports' },
  { uid: 'members.read', displayName: 'View members 查看会员', subCategory: 'members' },
  { uid: 'members.ban', displayName: 'Ban and lift bans 封禁/解封会员', subCategory: 'members' },
  { uid: 'members.tag', displayName: 'Tag members 会员打标', subCategory: 'members' },
  { uid: 'appeals.read', displayName: 'View appeals 查看申诉', subCategory: 'appeals' },
  { uid: 'appeals.review', displayName: 'Accept or reject appeals 处理申诉', subCategory: 'appeals' },
  { uid: 'batches.run', displayName: 'Run member batches 批量操作', subCategory: 'batches' },
  { uid: 'rooms.read', displayName: 'View rooms 查看房间', subCategory: 'rooms' },
  { uid: 'rooms.manage', displayName: 'Edit rooms and closures 编辑房间与停业', subCategory: 'rooms' },
  { uid: 'layout.edit', displayName: 'Edit seat layouts 编辑座位布局', subCategory: 'rooms' },
  { uid: 'tags.read', displayName: 'View tags and member counts 查看标签', subCategory: 'tags' },
  { uid: 'tags.manage', displayName: 'Create tags and set tag rules 管理标签规则', subCategory: 'tags' },
  { uid: 'announcements.read', displayName: 'View announcements 查看公告', subCategory: 'announcements' },
  { uid: 'announcements.write', displayName: 'Write announcements 编辑公告', subCategory: 'announcements' },
  { uid: 'announcements.publish', displayName: 'Publish and schedule announcements 发布/定时公告', subCategory: 'announcements' },
  { uid: 'parameters.read', displayName: 'View parameters 查看参数', subCategory: 'parameters' },
  { uid: 'parameters.update', displayName: 'Change parameters 修改参数', subCategory: 'parameters' },
].map((a) => ({ section: 'plugins', pluginName: 'booking', ...a }));

const ALL_MEMBER_ADMIN = Object.values(MEMBER_ADMIN_ACTIONS);
const FRONT_DESK_MEMBER_ADMIN = ALL_MEMBER_ADMIN.filter((a) => a !== MEMBER_ADMIN_ACTIONS.runBatches);

export const STAFF_GRANTS: Record<string, string[]> = {
  'store-manager': [...Object.values(ADMIN_ACTIONS), ...ALL_MEMBER_ADMIN, ...Object.values(ROOM_ADMIN_ACTIONS), ...Object.values(TAG_ADMIN_ACTIONS)],
  'front-desk': [ADMIN_ACTIONS.readDashboard, ADMIN_ACTIONS.readBookings, ADMIN_ACTIONS.manageBookings, ADMIN_ACTIONS.checkIn, ADMIN_ACTIONS.verifyOffline, ...FRONT_DESK_MEMBER_ADMIN, ROOM_ADMIN_ACTIONS.read, TAG_ADMIN_ACTIONS.read, CONTENT_ADMIN_ACTIONS.readAnnouncements, CONTENT_ADMIN_ACTIONS.readParameters],
  // Announcements and nothing else.
  'content-editor': [CONTENT_ADMIN_ACTIONS.readAnnouncements, CONTENT_ADMIN_ACTIONS.writeAnnouncements, CONTENT_ADMIN_ACTIONS.publishAnnouncements],
};
