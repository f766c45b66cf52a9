import { z } from 'zod';

const optionalInt = (min: number, max: number, what: string) => z.number().int(`must be a whole number of ${what}`).min(min, `must be at least ${min}`).max(max, `must be at most ${max}`).nullable().optional();

/**
 * A tag and its rule. Cross-field: a rule needs a threshold and a window; "remove when no longer met"
 * only means something with a rule.
 */
export const tagBody = z
  .object({
    name: z.string().trim().min(1, 'give the tag a name').max(40, 'at most 40 characters'),
    color: z.string().regex(/^#[0-9a-fA-F]{6}$/, 'must be a colour such as #4945ff').nullable().optional(),
    description: z.string().max(500).nullable().optional(),
    rule: z.enum(['none', 'spend_above', 'no_shows']).default('none'),
    threshold: optionalInt(1, 100_000_000, 'fen or no-shows'),
    days: optionalInt(1, 366, 'days'),
    validDays: optionalInt(1, 3650, 'days'),
    removeWhenUnqualified: z.boolean().default(false),
  })
  .strict()
  .superRefine((f, ctx) => {
    if (f.rule === 'none') {
      if (f.removeWhenUnqualified) ctx.addIssue({ code: 'custom', path: ['removeWhenUnqualified'], message: 'Only a tag with a rule can be removed automatically.' });
      return;
    }
    if (f.threshold == null) ctx.addIssue({ code: 'custom', path: ['threshold'], message: f.rule === 'spend_above' ? 'Give the spend in fen a member must reach.' : 'Give the number of no-shows.' });
    if (f.days == null) ctx.addIssue({ code: 'custom', path: ['days'], message: 'Give the number of days the rule looks back.' });
    if (f.rule === 'no_shows' && f.threshold != null && f.threshold > 100) ctx.addIssue({ code: 'custom', path: ['threshold'], message: 'More than 100 no-shows is not a useful rule.' });
  });

export const tagParam = z.object({ id: z.string().trim().min(1).max(64) });
