import { z } from 'zod';

/** ISO 8601 instant with an explicit offset (API.md: times carry offsets in and out). */
export const isoInstant = z
  .string()
  .refine((s) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/.test(s) && !Number.isNaN(Date.parse(s)), {
    message: 'must be an ISO 8601 time with an offset, e.g. 2026-05-20T14:00:00+08:00',
  })
  .transform((s) => new Date(s));

export const documentIdParam = z.object({ id: z.string().min(1).max(64) });

export const listRoomsQuery = z
  .object({
    kind: z.enum(['hall', 'private']).optional(),
    from: isoInstant.optional(),
    to: isoInstant.optional(),
    sort: z.enum(['availability', 'default']).optional(),
  })
  .refine((q) => !q.from || !q.to || q.to > q.from, { message: '`to` must be after `from`', path: ['to'] });
