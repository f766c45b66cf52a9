import { z } from 'zod';
import { templateFormProblems } from '../domain';
import { isoInstant, pageQuery } from './validators';

const documentId = z.string().min(1).max(64);
const fen = z.number({ error: 'must be a whole number of fen (分)' }).int('must be a whole number of fen (分)');
const optionalInt = (schema: z.ZodNumber) => schema.nullable().optional();

/** The template editor's form; the cross-field rules are the domain's (templateFormProblems). */
export const couponTemplateBody = z
  .object({
    name: z.string().trim().min(1, 'give the coupon a name').max(60, 'at most 60 characters'),
    description: z.string().max(500).nullable().optional(),
    kind: z.enum(['amount_off', 'percent_off', 'free_hours']),
    amount_off_fen: optionalInt(fen.positive('must be at least 1 fen')),
    percent_off: optionalInt(z.number().int('must be a whole percentage').min(1, 'must be 1 to 100').max(100, 'must be 1 to 100')),
    max_discount_fen: optionalInt(fen.positive('must be at least 1 fen')),
    free_hours: optionalInt(z.number().int('must be whole hours').min(1, 'must be 1 to 24').max(24, 'must be 1 to 24')),
    min_spend_fen: fen.min(0, 'must be 0 or more').default(0),
    applies_to: z.enum(['booking', 'recharge', 'any']).default('booking'),
    rooms: z.array(documentId).max(100).default([]),
    valid_from: isoInstant.nullable().optional(),
    valid_to: isoInstant.nullable().optional(),
    valid_days_after_issue: optionalInt(z.number().int('must be whole days').min(1, 'must be at least 1 day').max(3650)),
    per_member_limit: z.number().int('must be a whole number').min(1, 'must be at least 1').max(100).default(1),
    issue_on_signup: z.boolean().default(false),
    issue_on_recharge_min_fen: optionalInt(fen.positive('must be at least 1 fen')),
    active: z.boolean().default(true),
  })
  .strict()
  .superRefine((form, ctx) => {
    for (const p of templateFormProblems(form)) ctx.addIssue({ code: 'custom', path: [p.field], message: p.message });
  });

export const templateParam = z.object({ id: documentId });

export const templateListQuery = z.object({
  q: z.string().max(60).optional(),
  active: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
  ...pageQuery,
});

const memberIds = z.array(z.number().int().positive()).min(1, 'choose at least one member').max(5000);

/** A hand-out goes to chosen members or to everyone holding a tag, never both. */
export const audienceBody = z
  .object({ members: memberIds.optional(), tag: documentId.optional() })
  .strict()
  .refine((b) => (b.members === undefined) !== (b.tag === undefined), { message: 'give either members or a tag', path: ['members'] });

/** The same, from a query string (`members=1,2,3` or `tag=<documentId>`). */
export const audienceQuery = z
  .object({
    members: z
      .string()
      .regex(/^\d+(,\d+)*$/, 'must be member ids separated by commas')
      .transform((s) => s.split(',').map(Number))
      .optional(),
    tag: documentId.optional(),
  })
  .refine((b) => (b.members === undefined) !== (b.tag === undefined), { message: 'give either members or a tag', path: ['members'] });
