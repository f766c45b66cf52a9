/**
 * Tables the booking plugin owns. They carry plain integer references (user_id, seat_id, ...) instead
 * of Strapi relations: the booking transaction writes them with lean SQL, and Strapi relations would
 * add a join-table row per reference.
 */
import { BOOKING_STATUSES } from '../domain/booking-status';
import memberTypes from './members';
import reminderTypes from './reminders';

const hidden = { 'content-manager': { visible: false }, 'content-type-builder': { visible: false } };

const booking = {
  kind: 'collectionType',
  collectionName: 'bookings',
  info: { singularName: 'booking', pluralName: 'bookings', displayName: '预约 Booking', description: 'A member booking of a seat or a whole private room' },
  options: { draftAndPublish: false },
  // Read and changed through the plugin's admin pages (the content manager would skip the services).
  pluginOptions: hidden,
  attributes: {
    user_id: { type: 'integer', required: true },
    room_id: { type: 'integer', required: true },
    seat_id: { type: 'integer', required: true },
    start_at: { type: 'datetime', required: true },
    end_at: { type: 'datetime', required: true },
    // Seat time from this instant on is released (early check-out); null = held until end_at.
    released_at: { type: 'datetime' },
    status: {
      type: 'enumeration',
      enum: [...BOOKING_STATUSES],
      required: true,
    },
    pay_method: { type: 'enumeration', enum: ['wallet', 'wechat', 'free', 'offline'] },
    base_fen: { type: 'integer', required: true, default: 0 },
    member_discount_fen: { type: 'integer', required: true, default: 0 },
    coupon_discount_fen: { type: 'integer', required: true, default: 0 },
    total_fen: { type: 'integer', required: true, default: 0 },
    refund_fen: { type: 'integer', default: 0 },
    fee_fen: { type: 'integer', default: 0 },
    // documentId of the issued coupon (payments plugin).
    coupon_id: { type: 'string' },
    // wx.requestPayment parameters of the hold, replayed to a retried request.
    payment_params: { type: 'text', private: true },
    out_trade_no: { type: 'string' },
    hold_expires_at: { type: 'datetime' },
    checked_in_at: { type: 'datetime' },
    checked_out_at: { type: 'datetime' },
    cancelled_at: { type: 'datetime' },
    cancel_reason: { type: 'string' },
    // Offline payment (transfer or cash at the desk): the member's proof image and staff's verification.
    offline_proof_file_id: { type: 'integer' },
    offline_proof_url: { type: 'string' },
    offline_proof_at: { type: 'datetime' },
    offline_verified_by: { type: 'integer' },
    offline_verified_at: { type: 'datetime' },
    offline_note: { type: 'string' },
  },
  indexes: [
    { name: 'bookings_user_status_idx', columns: ['user_id', 'status'] },
    { name: 'bookings_seat_time_idx', columns: ['seat_id', 'start_at'] },
    { name: 'bookings_status_hold_idx', columns: ['status', 'hold_expires_at'] },
    { name: 'bookings_status_start_idx', columns: ['status', 'start_at'] },
    { name: 'bookings_status_end_idx', columns: ['status', 'end_at'] },
    { name: 'bookings_pay_status_idx', columns: ['pay_method', 'status'] },
    { name: 'bookings_out_trade_no_idx', columns: ['out_trade_no'] },
  ],
};

/** The unique indexes whose refusals the booking use case tells apart (repositories name them). */
export const CLAIM_UNIQUE_INDEX = 'booking_seat_claims_seat_unit_uq';
export const IDEMPOTENCY_UNIQUE_INDEX = 'booking_idem_user_key_uq';

const seatClaim = {
  kind: 'collectionType',
  collectionName: 'booking_seat_claims',
  info: { singularName: 'seat-claim', pluralName: 'seat-claims', displayName: 'Seat claim', description: 'One 15-minute unit of one seat held by one booking' },
  options: { draftAndPublish: false },
  pluginOptions: hidden,
  attributes: {
    seat_id: { type: 'integer', required: true },
    // Minutes since the epoch / 15: integer units compare identically on every database.
    unit_no: { type: 'biginteger', required: true },
    booking_id: { type: 'integer', required: true },
  },
  // The no-double-booking guarantee: the database refuses a second claim of the same seat-unit.
  indexes: [
    { name: CLAIM_UNIQUE_INDEX, columns: ['seat_id', 'unit_no'], type: 'unique' },
    { name: 'booking_seat_claims_booking_idx', columns: ['booking_id'] },
  ],
};

const bookingEvent = {
  kind: 'collectionType',
  collectionName: 'booking_events',
  info: { singularName: 'booking-event', pluralName: 'booking-events', displayName: 'Booking event', description: 'Status history: who, when, why' },
  options: { draftAndPublish: false },
  pluginOptions: hidden,
  attributes: {
    booking_id: { type: 'integer', required: true },
    from_status: { type: 'string' },
    to_status: { type: 'string', required: true },
    actor_type: { type: 'enumeration', enum: ['member', 'staff', 'system'], required: true },
    actor_id: { type: 'integer' },
    reason: { type: 'string' },
    at: { type: 'datetime', required: true },
  },
  indexes: [{ name: 'booking_events_booking_idx', columns: ['booking_id'] }],
};

const idempotencyKey = {
  kind: 'collectionType',
  collectionName: 'booking_idempotency_keys',
  info: { singularName: 'idempotency-key', pluralName: 'idempotency-keys', displayName: 'Idempotency key', description: 'A retried booking request returns the booking of its first attempt' },
  options: { draftAndPublish: false },
  pluginOptions: hidden,
  attributes: {
    user_id: { type: 'integer', required: true },
    key: { type: 'string', required: true },
    booking_id: { type: 'integer', required: true },
  },
  indexes: [
    { name: IDEMPOTENCY_UNIQUE_INDEX, columns: ['user_id', 'key'], type: 'unique' },
    { name: 'booking_idem_created_idx', columns: ['created_at'] },
  ],
};

const violation = {
  kind: 'collectionType',
  collectionName: 'booking_violations',
  info: { singularName: 'violation', pluralName: 'violations', displayName: '违约 Violation', description: 'A no-show (or other breach) counted towards automatic bans' },
  options: { draftAndPublish: false },
  // Read and changed through the plugin's admin pages (the content manager would skip the services).
  pluginOptions: hidden,
  attributes: {
    user_id: { type: 'integer', required: true },
    booking_id: { type: 'integer' },
    kind: { type: 'enumeration', enum: ['no_show'], required: true, default: 'no_show' },
    at: { type: 'datetime', required: true },
  },
  indexes: [
    { name: 'booking_violations_user_at_idx', columns: ['user_id', 'at'] },
    { name: 'booking_violations_booking_uq', columns: ['booking_id', 'kind'], type: 'unique' },
  ],
};

const roomVersion = {
  kind: 'collectionType',
  collectionName: 'booking_room_versions',
  info: { singularName: 'room-version', pluralName: 'room-versions', displayName: 'Room availability version', description: 'Counts committed seat-time changes of a room; the availability cache is keyed by it' },
  options: { draftAndPublish: false },
  pluginOptions: hidden,
  attributes: {
    room_id: { type: 'integer', required: true },
    version: { type: 'biginteger', required: true, default: '0' },
    /** Counts the committed changes that may have freed seat time (every change but a new claim). */
    released: { type: 'biginteger', required: true, default: '0' },
  },
  indexes: [{ name: 'booking_room_versions_room_uq', columns: ['room_id'], type: 'unique' }],
};

const waitlistEntry = {
  kind: 'collectionType',
  collectionName: 'booking_waitlist_entries',
  info: { singularName: 'waitlist-entry', pluralName: 'waitlist-entries', displayName: 'Waiting-list entry', description: 'A member waiting for a seat (or any seat of a room) for a time range' },
  options: { draftAndPublish: false },
  pluginOptions: hidden,
  attributes: {
    user_id: { type: 'integer', required: true },
    room_id: { type: 'integer', required: true },
    // null: any seat of the room.
    seat_id: { type: 'integer' },
    start_at: { type: 'datetime', required: true },
    end_at: { type: 'datetime', required: true },
    // The transitions: domain/waitlist.ts (ENTRY_TRANSITIONS). Only `waiting` entries are in line.
    status: { type: 'enumeration', enum: ['waiting', 'offered', 'accepted', 'lapsed', 'left', 'removed'], required: true, default: 'waiting' },
    // The line's order (FIFO by join time, id breaking ties).
    joined_at: { type: 'datetime', required: true },
    offer_booking_id: { type: 'integer' },
    offered_at: { type: 'datetime' },
    // Staff removal (status `removed`): the admin user, the reason and when.
    removed_by: { type: 'integer' },
    removed_reason: { type: 'string' },
    removed_at: { type: 'datetime' },
  },
  indexes: [
    { name: 'booking_waitlist_room_line_idx', columns: ['room_id', 'status', 'joined_at'] },
    { name: 'booking_waitlist_user_status_idx', columns: ['user_id', 'status'] },
    { name: 'booking_waitlist_offer_idx', columns: ['offer_booking_id'] },
  ],
};

export default {
  'waitlist-entry': { schema: waitlistEntry },
  'room-version': { schema: roomVersion },
  'idempotency-key': { schema: idempotencyKey },
  violation: { schema: violation },
  booking: { schema: booking },
  'seat-claim': { schema: seatClaim },
  'booking-event': { schema: bookingEvent },
  ...memberTypes,
  ...reminderTypes,
};
