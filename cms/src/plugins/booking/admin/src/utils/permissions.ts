/**
 * The admin actions of the pages, as the server registers them (server/src/permissions.ts). The browser
 * bundle cannot import server code, so the ids are repeated here once; the role-matrix test checks both.
 */
const action = (id: string) => [{ action: id, subject: null }];

export const PERMISSIONS = {
  dashboard: action('plugin::booking.dashboard.read'),
  readBookings: action('plugin::booking.bookings.read'),
  manageBookings: action('plugin::booking.bookings.manage'),
  waiveFee: action('plugin::booking.bookings.waive-fee'),
  checkIn: action('plugin::booking.checkin'),
  verifyOffline: action('plugin::booking.offline.verify'),
  exportBookings: action('plugin::booking.exports.read'),
  exportMoney: action('plugin::payments.exports.read'),
  readRefunds: action('plugin::payments.refunds.read'),
  readRooms: action('plugin::booking.rooms.read'),
  manageRooms: action('plugin::booking.rooms.manage'),
  editLayout: action('plugin::booking.layout.edit'),
  readAnnouncements: action('plugin::booking.announcements.read'),
  writeAnnouncements: action('plugin::booking.announcements.write'),
  publishAnnouncements: action('plugin::booking.announcements.publish'),
  readParameters: action('plugin::booking.parameters.read'),
  updateParameters: action('plugin::booking.parameters.update'),
};
