/** The payments plugin's domain rules: pure functions, no Strapi, no database, no clock. */
export * from './wallet';
export * from './coupons';
export * from './pricing';
export * from './membership';
export * from './refunds';
export * from './out-trade-no';
export * from './coupon-templates';
export { invalid, requirePositiveFen } from './validation';
