import { z } from 'zod';
import { LEDGER_TYPES } from '../domain';

/**
 * What the member routes answer, as zod schemas for the OpenAPI document (cms/src/openapi). They follow
 * the presenters (controllers/member.ts, services/*: presentTier, presentCoupon, presentRequest, …);
 * objects stay open (`looseObject`) where a presenter may add fields.
 */
const time = z.string().describe('ISO 8601 time');
const fen = z.number().int().describe('integer fen (分)');

export const PaymentParams = z
  .looseObject({ timeStamp: z.string(), nonceStr: z.string(), package: z.string(), signType: z.string(), paySign: z.string() })
  .meta({ id: 'WechatPaymentParams' });

export const WalletSummary = z
  .object({
    balance_fen: fen,
    bonus_fen: fen,
    withdrawable_fen: fen,
    recharged_total_fen: fen,
    tier: z.looseObject({ code: z.string(), name: z.string().nullable(), level: z.number().nullable(), source: z.string().nullable() }).nullable(),
    tierExpiresAt: time.nullable(),
    benefits: z.object({
      discount_percent: z.number(),
      booking_horizon_days: z.number().int(),
      free_cancel_hours: z.number(),
      daily_quota_hours: z.number().nullable(),
    }),
  })
  .meta({ id: 'WalletSummary' });

export const LedgerEntry = z
  .object({
    id: z.string(),
    type: z.enum(Object.keys(LEDGER_TYPES) as [string, ...string[]]),
    amount_fen: fen,
    bonus_amount_fen: fen,
    balance_after_fen: fen,
    bonus_after_fen: fen,
    ref: z.object({ kind: z.string().nullable(), id: z.union([z.string(), z.number()]).nullable() }),
    note: z.string().nullable(),
    createdAt: time,
  })
  .meta({ id: 'LedgerEntry' });

export const TransactionStats = z
  .object({
    byType: z.array(z.object({ type: z.string(), total_fen: fen, count: z.number().int() })),
    in_fen: fen,
    out_fen: fen,
  })
  .meta({ id: 'TransactionStats' });

export const RechargePackage = z
  .object({ id: z.string(), name: z.string().nullable(), amount_fen: fen, bonus_fen: fen })
  .meta({ id: 'RechargePackage' });

export const RechargeOrder = z.looseObject({ outTradeNo: z.string(), payment: PaymentParams }).meta({ id: 'RechargeOrder' });

export const RechargeStatus = z
  .object({
    outTradeNo: z.string(),
    status: z.enum(['pending', 'paid', 'closed']),
    pay_fen: fen,
    bonus_fen: fen,
    credited_fen: fen,
    credited_at: time.nullable(),
  })
  .meta({ id: 'RechargeStatus' });

export const Tier = z
  .object({
    id: z.string(),
    code: z.string(),
    name: z.string(),
    level: z.number().int(),
    description: z.string().nullable(),
    benefits: z.object({
      discount_percent: z.number(),
      booking_horizon_days: z.number().int().nullable(),
      free_cancel_hours: z.number().nullable(),
      daily_quota_hours: z.number().nullable(),
    }),
    prices: z.object({ month_fen: fen.nullable(), quarter_fen: fen.nullable() }),
    earn_by_recharge_fen: fen.nullable(),
  })
  .meta({ id: 'Tier' });

export const Membership = z
  .looseObject({
    id: z.string(),
    tier: z.string(),
    tierName: z.string().nullable(),
    plan: z.enum(['month', 'quarter']),
    price_fen: fen,
    payWith: z.enum(['wallet', 'wechat']),
    status: z.string(),
    startsAt: time.nullable(),
    expiresAt: time.nullable(),
    outTradeNo: z.string().nullable(),
    payment: PaymentParams.optional(),
  })
  .meta({ id: 'Membership' });

export const Coupon = z
  .looseObject({
    id: z.string(),
    name: z.string(),
    rooms: z.array(z.union([z.string(), z.number()])).nullable(),
    valid_from: time.nullable(),
    valid_to: time.nullable(),
    status: z.string(),
    source: z.string().nullable(),
    used_at: time.nullable(),
  })
  .describe('A coupon with its terms (kind, amount_fen / percent_off / free_hours, min_spend_fen, purpose)')
  .meta({ id: 'Coupon' });

export const RefundRequest = z
  .looseObject({
    id: z.string(),
    kind: z.enum(['withdraw', 'dispute']),
    amount_fen: fen.nullable(),
    booking: z.string().nullable(),
    reason: z.string(),
    status: z.enum(['pending', 'rejected', 'refunding', 'completed', 'partially_refunded', 'failed']),
    approved_fen: fen.nullable(),
    refunded_fen: fen.nullable(),
    returned_fen: fen.nullable(),
    decision_note: z.string().nullable(),
    decidedAt: time.nullable(),
    settledAt: time.nullable(),
    createdAt: time.nullable(),
    refunds: z
      .array(z.object({ outRefundNo: z.string(), outTradeNo: z.string(), amount_fen: fen, status: z.string(), failure: z.string().nullable(), settledAt: time.nullable() }))
      .optional(),
  })
  .meta({ id: 'RefundRequest' });
