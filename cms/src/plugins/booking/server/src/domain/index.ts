/** The booking plugin's domain rules: pure functions of their inputs (no Strapi, no database, no clock). */
export * from './slots';
export * from './opening-hours';
export * from './booking-rules';
export * from './booking-status';
export * from './cancellation';
export * from './check-in';
export * from './qr-token';
export * from './violations';
export { formatDuration, formatClock, formatLocal, toLocalIso, invalidInput } from './support';
export * from './members';
export * from './seat-changes';
export * from './room-setup';
export * from './waitlist';
export * from './history';
