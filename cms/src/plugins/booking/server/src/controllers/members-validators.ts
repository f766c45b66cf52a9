import { z } from 'zod';
import { isoInstant } from './validators';

const paging = {
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
};
const reason = (what: string) => z.string().trim().min(2, `say briefly why (${what})`).max(200);
const key = z.string().trim().min(1).max(64);
const bool = z.enum(['true', 'false']).transform((v) => v === 'true');

export const memberIdParam = z.object({ id: z.coerce.number().int().positive('a member id is a positive number') });
export const memberTagParam = z.object({ id: z.coerce.number().int().positive(), tag: key });
export const appealIdParam = z.object({ id: key });
export const batchIdParam = z.object({ id: key });

const memberFilter = {
  q: z.string().trim().max(64).optional(),
  banned: bool.optional(),
  joinedFrom: isoInstant.optional(),
  joinedTo: isoInstant.optional(),
};

export const memberSearchQuery = z.object({ ...memberFilter, ...paging });
export const pagingQuery = z.object(paging);

export const banBody = z.object({ until: isoInstant, reason: reason('the member sees it') }).strict();
export const liftBody = z.object({ reason: reason('kept in the ban history') }).strict();
export const addTagBody = z
  .object({ tag: key, expiresAt: isoInstant.nullable().optional(), note: z.string().trim().max(200).optional() })
  .strict();

export const appealsQuery = z.object({ status: z.enum(['open', 'accepted', 'rejected']).optional(), ...paging });
export const acceptAppealBody = z.object({ note: z.string().trim().max(500).optional() }).strict();
export const rejectAppealBody = z.object({ reason: z.string().trim().min(2, 'tell the member why the appeal is rejected').max(500) }).strict();

const selection = z.discriminatedUnion('by', [
  z.object({ by: z.literal('tag'), tag: key }).strict(),
  z.object({ by: z.literal('filter'), filter: z.object(memberFilter).strict() }).strict(),
  z.object({ by: z.literal('list'), list: z.string().min(1, 'paste at least one member id or openid').max(1_000_000) }).strict(),
]);
const action = z.discriminatedUnion('operation', [
  z.object({ operation: z.literal('issue_coupon'), template: key }).strict(),
  z.object({ operation: z.literal('add_tag'), tag: key, expiresAt: isoInstant.nullable().optional().transform((d) => d ?? null) }).strict(),
  z.object({ operation: z.literal('remove_tag'), tag: key }).strict(),
]);
export const createBatchBody = z.object({ action, selection }).strict();
