import { z } from 'zod';
import { LEDGER_TYPES, OUT_TRADE_NO_PATTERN } from '../domain';

/** ISO 8601 instant with an explicit offset (API.md: times carry offsets in and out). */
export const isoInstant = z
  .string()
  .refine((s) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/.test(s) && !Number.isNaN(Date.parse(s)), {
    message: 'must be an ISO 8601 time with an offset, e.g. 2026-05-20T14:00:00+08:00',
  })
  .transform((s) => new Date(s));

/** Money in: a whole number of fen, never a float or a string with a decimal point. */
const fen = z.number({ error: 'must be a whole number of fen (分)' }).int('must be a whole number of fen (分)');
const positiveFen = fen.positive('must be at least 1 fen');

/** Query-string integers arrive as text. */
const intFromQuery = (min: number, max: number) =>
  z
    .string()
    .regex(/^\d+$/, 'must be a whole number')
    .transform(Number)
    .refine((n) => n >= min && n <= max, { message: `must be between ${min} and ${max}` });

export const pageQuery = {
  page: intFromQuery(1, 1_000_000).optional().default(1),
  pageSize: intFromQuery(1, 100).optional().default(25),
};

const documentId = z.string().min(1).max(64);

export const transactionsQuery = z.object({
  type: z.enum(Object.keys(LEDGER_TYPES) as [string, ...string[]]).optional(),
  ...pageQuery,
});

export const statsQuery = z
  .object({ from: isoInstant.optional(), to: isoInstant.optional() })
  .refine((q) => !q.from || !q.to || q.to > q.from, { message: '`to` must be after `from`', path: ['to'] });

export const createRechargeBody = z
  .object({
    package: documentId.optional(),
    amount_fen: positiveFen.optional(),
    coupon: documentId.optional(),
  })
  .strict()
  .refine((b) => (b.package === undefined) !== (b.amount_fen === undefined), {
    message: 'choose either a recharge package or an amount, not both',
    path: ['amount_fen'],
  });

export const outTradeNoParam = z.object({ outTradeNo: z.string().regex(OUT_TRADE_NO_PATTERN, 'is not an order number') });

export const purchaseBody = z
  .object({
    tier: z.string().min(1).max(64),
    plan: z.enum(['month', 'quarter']),
    payWith: z.enum(['wallet', 'wechat']),
  })
  .strict();

export const couponsQuery = z.object({
  usable: z.enum(['true', 'false']).optional().transform((v) => v === 'true'),
  amount_fen: intFromQuery(0, 100_000_000).optional(),
  room: documentId.optional(),
  purpose: z.enum(['booking', 'recharge']).optional(),
  ...pageQuery,
});

export const refundRequestBody = z
  .object({
    kind: z.enum(['withdraw', 'dispute']),
    amount_fen: positiveFen.optional(),
    booking: documentId.optional(),
    reason: z.string().trim().min(2, 'say briefly why').max(200),
  })
  .strict()
  .refine((b) => b.kind !== 'withdraw' || b.amount_fen !== undefined, { message: 'a withdrawal needs amount_fen', path: ['amount_fen'] })
  .refine((b) => b.kind !== 'dispute' || b.booking !== undefined, { message: 'a dispute names the booking', path: ['booking'] });

export const listQuery = z.object({ ...pageQuery });

// ---------------------------------------------------------------- staff
export const idParam = z.object({ id: documentId });
export const userParam = z.object({ userId: z.string().regex(/^\d+$/, 'must be a member id').transform(Number) });

export const staffRefundListQuery = z.object({
  status: z.enum(['pending', 'rejected', 'refunding', 'completed', 'partially_refunded', 'failed']).optional(),
  ...pageQuery,
});

export const approveBody = z.object({ amount_fen: positiveFen.optional(), note: z.string().max(200).optional() }).strict();
export const rejectBody = z.object({ reason: z.string().trim().min(2, 'give the member a reason').max(200) }).strict();

export const issueCouponsBody = z
  .object({
    template: documentId,
    members: z.array(z.number().int().positive()).min(1).max(1000).optional(),
    tag: documentId.optional(),
  })
  .strict()
  .refine((b) => (b.members === undefined) !== (b.tag === undefined), { message: 'give either members or a tag', path: ['members'] });

export const adjustBody = z
  .object({
    amount_fen: fen.refine((n) => n !== 0, 'must not be 0'),
    part: z.enum(['principal', 'bonus']).default('principal'),
    reason: z.string().trim().min(2, 'every adjustment needs a reason').max(200),
  })
  .strict();

export const staffRefundQueueQuery = z.object({
  status: z.enum(['pending', 'rejected', 'refunding', 'completed', 'partially_refunded', 'failed']).optional(),
  kind: z.enum(['withdraw', 'dispute']).optional(),
  ...pageQuery,
});

export const staffLedgerQuery = z.object({ ...pageQuery });
