/**
 * Tables the payments plugin owns. Like the booking plugin they carry plain integer references
 * (user_id, order ids …) instead of Strapi relations: money is written with lean SQL inside one
 * transaction, and every guarantee that matters is a unique index or a conditional update here.
 */
// Money tables are never edited by hand (an edit in the content manager would bypass the ledger):
// staff see and change them only through the payments admin routes.
const hidden = { 'content-manager': { visible: false }, 'content-type-builder': { visible: false } };

const collection = (singularName: string, pluralName: string, collectionName: string, displayName: string, description: string) => ({
  kind: 'collectionType',
  collectionName,
  info: { singularName, pluralName, displayName, description },
  options: { draftAndPublish: false },
});

/** One row per member; created on the first credit. balance_fen always equals the sum of the ledger. */
const wallet = {
  ...collection('wallet', 'wallets', 'payments_wallets', '钱包 Wallet', 'A member balance in fen; changed only with a ledger row'),
  pluginOptions: hidden,
  attributes: {
    user_id: { type: 'integer', required: true },
    balance_fen: { type: 'integer', required: true, default: 0 },
    // The part of balance_fen that came from bonuses: spendable, never withdrawable.
    bonus_fen: { type: 'integer', required: true, default: 0 },
    // Principal received through WeChat Pay recharges, for tiers earned by recharge.
    recharged_total_fen: { type: 'integer', required: true, default: 0 },
  },
  indexes: [{ name: 'payments_wallets_user_uq', columns: ['user_id'], type: 'unique' }],
};

/** Append-only: rows are inserted, never updated or deleted. */
const ledgerEntry = {
  ...collection('ledger-entry', 'ledger-entries', 'payments_ledger_entries', '账本 Ledger entry', 'One balance change of one wallet'),
  pluginOptions: hidden,
  attributes: {
    user_id: { type: 'integer', required: true },
    type: {
      type: 'enumeration',
      enum: ['recharge', 'recharge_bonus', 'booking_payment', 'booking_refund', 'membership_purchase', 'refund_withdrawal', 'refund_reversal', 'staff_adjustment', 'offline_receipt'],
      required: true,
    },
    // Signed: credit > 0, debit < 0. bonus_amount_fen is the signed part that moved the bonus balance.
    amount_fen: { type: 'integer', required: true },
    bonus_amount_fen: { type: 'integer', required: true, default: 0 },
    balance_after_fen: { type: 'integer', required: true },
    bonus_after_fen: { type: 'integer', required: true, default: 0 },
    ref_kind: { type: 'string', required: true },
    ref_id: { type: 'string', required: true },
    actor_type: { type: 'enumeration', enum: ['member', 'staff', 'system'], required: true },
    actor_id: { type: 'integer' },
    note: { type: 'string' },
    // Set for changes that must happen once per cause (a recharge credit): the database refuses a second.
    dedupe_key: { type: 'string' },
    occurred_at: { type: 'datetime', required: true },
  },
  indexes: [
    { name: 'payments_ledger_dedupe_uq', columns: ['dedupe_key'], type: 'unique' },
    { name: 'payments_ledger_user_idx', columns: ['user_id', 'id'] },
    { name: 'payments_ledger_ref_idx', columns: ['ref_kind', 'ref_id'] },
  ],
};

/** A WeChat Pay JSAPI order (recharge, booking or membership). */
const paymentOrder = {
  ...collection('payment-order', 'payment-orders', 'payments_orders', '支付订单 Payment order', 'A WeChat Pay order and its state'),
  pluginOptions: hidden,
  attributes: {
    out_trade_no: { type: 'string', required: true },
    user_id: { type: 'integer', required: true },
    purpose: { type: 'enumeration', enum: ['booking', 'recharge', 'membership'], required: true },
    ref_id: { type: 'string', required: true },
    amount_fen: { type: 'integer', required: true },
    description: { type: 'string', required: true },
    status: { type: 'enumeration', enum: ['pending', 'paid', 'closed'], required: true },
    expires_at: { type: 'datetime', required: true },
    paid_at: { type: 'datetime' },
    closed_at: { type: 'datetime' },
    transaction_id: { type: 'string' },
    // Sum of refunds asked of WeChat and not failed: never above amount_fen (conditional update).
    refunded_fen: { type: 'integer', required: true, default: 0 },
    last_checked_at: { type: 'datetime' },
  },
  indexes: [
    { name: 'payments_orders_out_trade_no_uq', columns: ['out_trade_no'], type: 'unique' },
    { name: 'payments_orders_status_idx', columns: ['status', 'created_at'] },
    { name: 'payments_orders_user_idx', columns: ['user_id', 'purpose'] },
  ],
};

const recharge = {
  ...collection('recharge', 'recharges', 'payments_recharges', '充值 Recharge', 'A recharge: what is paid and what is credited'),
  pluginOptions: hidden,
  attributes: {
    user_id: { type: 'integer', required: true },
    out_trade_no: { type: 'string', required: true },
    package_id: { type: 'integer' },
    coupon_id: { type: 'integer' },
    pay_fen: { type: 'integer', required: true },
    package_bonus_fen: { type: 'integer', required: true, default: 0 },
    coupon_bonus_fen: { type: 'integer', required: true, default: 0 },
    status: { type: 'enumeration', enum: ['pending', 'paid', 'closed'], required: true },
    credited_fen: { type: 'integer', required: true, default: 0 },
    credited_at: { type: 'datetime' },
  },
  indexes: [{ name: 'payments_recharges_out_trade_no_uq', columns: ['out_trade_no'], type: 'unique' }],
};

/** One WeChat refund (out_refund_no) against one order. */
const refund = {
  ...collection('refund', 'refunds', 'payments_refunds', '退款 Refund', 'A WeChat Pay refund and its settlement'),
  pluginOptions: hidden,
  attributes: {
    out_refund_no: { type: 'string', required: true },
    out_trade_no: { type: 'string', required: true },
    user_id: { type: 'integer', required: true },
    amount_fen: { type: 'integer', required: true },
    total_fen: { type: 'integer', required: true },
    // submitting: recorded, not yet accepted by WeChat; processing: accepted; then success/closed/abnormal,
    // or failed when WeChat refused it (the reservation went back).
    status: { type: 'enumeration', enum: ['submitting', 'processing', 'success', 'closed', 'abnormal', 'failed'], required: true },
    reason: { type: 'string' },
    refund_request_id: { type: 'integer' },
    ref_kind: { type: 'string' },
    ref_id: { type: 'string' },
    wechat_refund_id: { type: 'string' },
    failure: { type: 'string' },
    submitted_at: { type: 'datetime' },
    settled_at: { type: 'datetime' },
    last_checked_at: { type: 'datetime' },
  },
  indexes: [
    { name: 'payments_refunds_out_refund_no_uq', columns: ['out_refund_no'], type: 'unique' },
    { name: 'payments_refunds_request_idx', columns: ['refund_request_id'] },
    { name: 'payments_refunds_status_idx', columns: ['status'] },
  ],
};

const refundRequest = {
  ...collection('refund-request', 'refund-requests', 'payments_refund_requests', '退款申请 Refund request', 'A member asking for money back; staff decide'),
  pluginOptions: hidden,
  attributes: {
    user_id: { type: 'integer', required: true },
    kind: { type: 'enumeration', enum: ['withdraw', 'dispute'], required: true },
    amount_fen: { type: 'integer' },
    booking_ref: { type: 'string' },
    reason: { type: 'string', required: true },
    // pending → rejected | refunding → completed | partially_refunded | failed
    status: { type: 'enumeration', enum: ['pending', 'rejected', 'refunding', 'completed', 'partially_refunded', 'failed'], required: true },
    approved_fen: { type: 'integer', required: true, default: 0 },
    refunded_fen: { type: 'integer', required: true, default: 0 },
    returned_fen: { type: 'integer', required: true, default: 0 },
    decided_by: { type: 'integer' },
    decision_note: { type: 'string' },
    decided_at: { type: 'datetime' },
    settled_at: { type: 'datetime' },
  },
  indexes: [{ name: 'payments_refund_requests_user_idx', columns: ['user_id', 'status'] }],
};

/** A coupon issued to one member, with the template's terms copied at issue. */
const coupon = {
  ...collection('coupon', 'coupons', 'payments_coupons', '已发优惠券 Issued coupon', 'A coupon a member holds'),
  pluginOptions: hidden,
  attributes: {
    user_id: { type: 'integer', required: true },
    template_id: { type: 'integer', required: true },
    // n-th coupon of this template for this member: the unique (template, member, n) index makes the
    // per-member limit hold under concurrent issue.
    seq: { type: 'integer', required: true },
    name: { type: 'string', required: true },
    kind: { type: 'enumeration', enum: ['amount_off', 'percent_off', 'free_hours'], required: true },
    amount_off_fen: { type: 'integer' },
    percent_off: { type: 'integer' },
    max_discount_fen: { type: 'integer' },
    free_hours: { type: 'integer' },
    min_spend_fen: { type: 'integer', required: true, default: 0 },
    applies_to: { type: 'enumeration', enum: ['booking', 'recharge', 'any'], required: true },
    room_ids: { type: 'json' },
    valid_from: { type: 'datetime', required: true },
    valid_to: { type: 'datetime', required: true },
    status: { type: 'enumeration', enum: ['unused', 'used', 'expired', 'revoked'], required: true },
    source: { type: 'enumeration', enum: ['staff', 'tag', 'signup', 'recharge'], required: true },
    issued_by: { type: 'integer' },
    // Set for automatic issues (sign-up, recharge, a batch) so a retry never issues twice.
    issue_key: { type: 'string' },
    used_at: { type: 'datetime' },
    used_ref_kind: { type: 'string' },
    used_ref_id: { type: 'string' },
  },
  indexes: [
    { name: 'payments_coupons_member_seq_uq', columns: ['template_id', 'user_id', 'seq'], type: 'unique' },
    { name: 'payments_coupons_issue_key_uq', columns: ['issue_key'], type: 'unique' },
    { name: 'payments_coupons_user_idx', columns: ['user_id', 'status'] },
    { name: 'payments_coupons_status_idx', columns: ['status', 'valid_to'] },
  ],
};

/** A membership card (bought). Earned tiers are derived from recharged_total_fen, not stored. */
const membership = {
  ...collection('membership', 'memberships', 'payments_memberships', '会员卡 Membership', 'A monthly/quarterly membership card'),
  pluginOptions: hidden,
  attributes: {
    user_id: { type: 'integer', required: true },
    tier_id: { type: 'integer', required: true },
    tier_code: { type: 'string', required: true },
    plan: { type: 'enumeration', enum: ['month', 'quarter'], required: true },
    price_fen: { type: 'integer', required: true },
    pay_with: { type: 'enumeration', enum: ['wallet', 'wechat'], required: true },
    status: { type: 'enumeration', enum: ['pending', 'active', 'expired', 'cancelled'], required: true },
    out_trade_no: { type: 'string' },
    starts_at: { type: 'datetime' },
    expires_at: { type: 'datetime' },
  },
  indexes: [{ name: 'payments_memberships_user_idx', columns: ['user_id', 'status'] }],
};

export default {
  wallet: { schema: wallet },
  'ledger-entry': { schema: ledgerEntry },
  'payment-order': { schema: paymentOrder },
  recharge: { schema: recharge },
  refund: { schema: refund },
  'refund-request': { schema: refundRequest },
  coupon: { schema: coupon },
  membership: { schema: membership },
};
