/**
 * Tag rules: a tag can be given automatically to the members who meet a rule, for a while.
 *
 * - `spend_above`: spent at least `threshold` fen in the last `days` days (bookings and membership
 *   cards, net of refunds – the payments plugin's figure);
 * - `no_shows`: at least `threshold` no-shows in the last `days` days.
 *
 * A qualifying member holds the tag until `validDays` days after the latest evaluation (so a member who
 * keeps qualifying keeps the tag); with `removeWhenUnqualified` a member who no longer qualifies loses a
 * rule-given tag at the next evaluation instead of at its expiry. Tags given by staff are never touched.
 */
export type TagRuleKind = 'spend_above' | 'no_shows';

export interface TagRule {
  kind: TagRuleKind;
  threshold: number;
  days: number;
  validDays: number;
  removeWhenUnqualified: boolean;
}

const DAY_MS = 86_400_000;

/** The rule a tag row carries, or null for none / an incomplete rule (nothing is applied then). */
export function tagRuleOf(tag: { rule?: string | null; rule_threshold?: number | null; rule_days?: number | null; default_valid_days?: number | null; rule_removes?: boolean | null }): TagRule | null {
  if (tag.rule !== 'spend_above' && tag.rule !== 'no_shows') return null;
  const threshold = Number(tag.rule_threshold);
  const days = Number(tag.rule_days);
  if (!Number.isInteger(threshold) || threshold < 1 || !Number.isInteger(days) || days < 1) return null;
  const validDays = tag.default_valid_days != null && Number(tag.default_valid_days) >= 1 ? Number(tag.default_valid_days) : days;
  return { kind: tag.rule, threshold, days, validDays, removeWhenUnqualified: Boolean(tag.rule_removes) };
}

/** Start of the look-back window of a rule evaluated at `now`. */
export const ruleWindowStart = (rule: TagRule, now: Date): Date => new Date(now.getTime() - rule.days * DAY_MS);

/** Until when a qualifying member holds the tag. */
export const ruleTagExpiry = (rule: TagRule, now: Date): Date => new Date(now.getTime() + rule.validDays * DAY_MS);

export const qualifies = (rule: TagRule, figure: number): boolean => figure >= rule.threshold;

/**
 * What one evaluation changes, given who qualifies and who holds the tag now:
 * give (or extend) to every qualifying member; take a rule-given tag from those who no longer qualify when
 * the rule says so. A member holding the tag from staff is left alone either way.
 */
export function planTagRule(input: {
  rule: TagRule;
  qualifying: number[];
  holders: { userId: number; source: string }[];
}): { give: number[]; remove: number[] } {
  const staffHeld = new Set(input.holders.filter((h) => h.source !== 'rule').map((h) => h.userId));
  const qualifying = new Set(input.qualifying);
  const give = [...qualifying].filter((id) => !staffHeld.has(id)).sort((a, b) => a - b);
  const remove = input.rule.removeWhenUnqualified
    ? input.holders.filter((h) => h.source === 'rule' && !qualifying.has(h.userId)).map((h) => h.userId).sort((a, b) => a - b)
    : [];
  return { give, remove };
}

/** A human sentence for a rule (tags page, logs). */
export function describeTagRule(rule: TagRule): string {
  const what = rule.kind === 'spend_above' ? `spent at least ${rule.threshold} fen` : `at least ${rule.threshold} no-shows`;
  return `${what} in the last ${rule.days} days; held for ${rule.validDays} days${rule.removeWhenUnqualified ? ', removed when no longer met' : ''}`;
}
