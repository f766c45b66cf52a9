import catalog from './catalog';
import seatGuard from './seat-guard';
import availability from './availability';
import bookings from './bookings';
import lifecycle from './lifecycle';
import cancellation from './cancellation';
import checkIn from './check-in';
import cleanup from './cleanup';
import latePayment from './late-payment';
import staff from './staff';
import dashboard from './dashboard';
import board from './board';
import offlinePayments from './offline-payments';
import exportsService from './exports';
import members from './members';
import memberBatches from './member-batches';
import roomSetup from './room-setup';
import tagRules from './tag-rules';
import couponFacts from './coupon-facts';
import announcements from './announcements';
import parameters from './parameters';
import waitlist from './waitlist';
import reminders from './reminders';
import memberBookings from './member-bookings';

const services = {
  catalog,
  'seat-guard': seatGuard,
  availability,
  bookings,
  lifecycle,
  cancellation,
  'check-in': checkIn,
  cleanup,
  'late-payment': latePayment,
  staff,
  dashboard,
  board,
  'offline-payments': offlinePayments,
  exports: exportsService,
  members,
  'member-batches': memberBatches,
  'room-setup': roomSetup,
  'tag-rules': tagRules,
  'coupon-facts': couponFacts,
  announcements,
  parameters,
  waitlist,
  reminders,
  'member-bookings': memberBookings,
};
export default services;

export { getBookingService, type BookingServices } from './accessor';
