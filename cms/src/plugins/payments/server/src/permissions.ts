/**
 * Who may do what, declared once. Members get exactly MEMBER_ACTIONS (the app's bootstrap grants the
 * authenticated role these and nothing else); staff powers are admin RBAC actions given to staff roles.
 */
export const MEMBER_ACTIONS = [
  'getWallet',
  'listTransactions',
  'transactionStats',
  'createRecharge',
  'getRecharge',
  'purchaseMembership',
  'listCoupons',
  'fileRefundRequest',
  'listRefundRequests',
].map((action) => `plugin::payments.member.${action}`);

export const ADMIN_ACTIONS = {
  readRefunds: 'plugin::payments.refunds.read',
  reviewRefunds: 'plugin::payments.refunds.review',
  issueCoupons: 'plugin::payments.coupons.issue',
  /** 优惠券 page: templates and their analytics. */
  readCoupons: 'plugin::payments.coupons.read',
  /** Create and edit coupon templates (what the store gives away): manager only. */
  manageCoupons: 'plugin::payments.coupons.manage',
  readWallets: 'plugin::payments.wallets.read',
  adjustWallets: 'plugin::payments.wallets.adjust',
  /** Ledger, refund and member exports carry money and personal data: manager only. */
  exportMoney: 'plugin::payments.exports.read',
} as const;

/** Registered with the admin's action provider at bootstrap. */
export const ADMIN_ACTION_DEFINITIONS = [
  { uid: 'refunds.read', displayName: 'View refund requests 查看退款申请', subCategory: 'refunds' },
  { uid: 'refunds.review', displayName: 'Approve or reject refunds 审核退款', subCategory: 'refunds' },
  { uid: 'coupons.issue', displayName: 'Issue coupons 发放优惠券', subCategory: 'coupons' },
  { uid: 'coupons.read', displayName: 'View coupon templates and analytics 查看优惠券与分析', subCategory: 'coupons' },
  { uid: 'coupons.manage', displayName: 'Create and edit coupon templates 编辑优惠券模板', subCategory: 'coupons' },
  { uid: 'wallets.read', displayName: 'View member wallets 查看钱包', subCategory: 'wallets' },
  { uid: 'wallets.adjust', displayName: 'Adjust member wallets 调整余额', subCategory: 'wallets' },
  { uid: 'exports.read', displayName: 'Export ledger, refunds and members 导出账本/退款/会员', subCategory: 'exports' },
].map((a) => ({ section: 'plugins', pluginName: 'payments', ...a }));

export const STAFF_ACTIONS: Record<string, string[]> = {
  'store-manager': Object.values(ADMIN_ACTIONS),
  'front-desk': [ADMIN_ACTIONS.readRefunds, ADMIN_ACTIONS.readWallets, ADMIN_ACTIONS.issueCoupons, ADMIN_ACTIONS.readCoupons],
};
