import { describeTagRule, planTagRule, ruleTagExpiry, ruleWindowStart, tagRuleOf } from '../../../cms/src/plugins/booking/server/src/domain/tag-rules';

const DAY = 86_400_000;

describe('tag rules', () => {
  it('reads a complete rule from a tag, and nothing from an incomplete one', () => {
    expect(tagRuleOf({ rule: 'spend_above', rule_threshold: 30000, rule_days: 30, default_valid_days: 7, rule_removes: true })).toEqual({ kind: 'spend_above', threshold: 30000, days: 30, validDays: 7, removeWhenUnqualified: true });
    expect(tagRuleOf({ rule: 'no_shows', rule_threshold: 3, rule_days: 14 })).toMatchObject({ validDays: 14, removeWhenUnqualified: false });
    expect(tagRuleOf({ rule: 'none', rule_threshold: 3, rule_days: 14 })).toBeNull();
    expect(tagRuleOf({ rule: 'no_shows', rule_threshold: null, rule_days: 14 })).toBeNull();
    expect(tagRuleOf({ rule: 'spend_above', rule_threshold: 100, rule_days: 0 })).toBeNull();
  });

  it('looks back `days` and holds the tag `validDays` from the evaluation', () => {
    const rule = tagRuleOf({ rule: 'no_shows', rule_threshold: 2, rule_days: 30, default_valid_days: 7 })!;
    const now = new Date('2026-12-01T04:00:00Z');
    expect(ruleWindowStart(rule, now).getTime()).toBe(now.getTime() - 30 * DAY);
    expect(ruleTagExpiry(rule, now).getTime()).toBe(now.getTime() + 7 * DAY);
    expect(describeTagRule(rule)).toBe('at least 2 no-shows in the last 30 days; held for 7 days');
  });

  it('gives to the qualifying, leaves staff-given tags alone, removes rule tags only when the rule says so', () => {
    const holders = [
      { userId: 1, source: 'rule' },
      { userId: 2, source: 'staff' },
      { userId: 3, source: 'rule' },
    ];
    const removing = tagRuleOf({ rule: 'spend_above', rule_threshold: 100, rule_days: 30, rule_removes: true })!;
    expect(planTagRule({ rule: removing, qualifying: [3, 2, 4], holders })).toEqual({ give: [3, 4], remove: [1] });
    const keeping = { ...removing, removeWhenUnqualified: false };
    expect(planTagRule({ rule: keeping, qualifying: [4], holders })).toEqual({ give: [4], remove: [] });
  });
});
