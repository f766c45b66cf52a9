/**
 * Tables the booking plugin owns. They carry plain integer references (user_id, seat_id, ...) instead
 * of Strapi relations: the booking transaction writes them with lean SQL, and Strapi relations would
 * add a join-table row per reference.
 */
const hidden = { 'content-manager': { visible: false }, 'content-type-builder': { visible: false } };

const booking = {
  kind: 'collectionType',
  collectionName: 'bookings',
  info: { singularName: 'booking', pluralName: 'bookings', displayName: '预约 Booking', description: 'A member booking of a seat or a whole private room' },
  options: { draftAndPublish: false },
  pluginOptions: { 'content-manager': { visible: true }, 'content-type-builder': { visible: false } },
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
      enum: ['pending_payment', 'confirmed', 'checked_in', 'completed', 'cancelled', 'expired', 'no_show'],
      required: true,
    },
    pay_method: { type: 'enumeration', enum: ['wallet', 'wechat', 'free'] },
    base_fen: { type: 'integer', required: true, default: 0 },
    member_discount_fen: { type: 'integer', required: true, default: 0 },
    coupon_discount_fen: { type: 'integer', required: true, default: 0 },
    total_fen: { type: 'integer', required: true, default: 0 },
    refund_fen: { type: 'integer', default: 0 },
    fee_fen: { type: 'integer', default: 0 },
    coupon_id: { type: 'integer' },
    out_trade_no: { type: 'string' },
    hold_expires_at: { type: 'datetime' },
    checked_in_at: { type: 'datetime' },
    checked_out_at: { type: 'datetime' },
    cancelled_at: { type: 'datetime' },
    cancel_reason: { type: 'string' },
  },
};

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
    { name: 'booking_seat_claims_seat_unit_uq', columns: ['seat_id', 'unit_no'], type: 'unique' },
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

export default {
  booking: { schema: booking },
  'seat-claim': { schema: seatClaim },
  'booking-event': { schema: bookingEvent },
};
