/**
 * Tags page and tag rules. The rule job evaluates every tag that carries a rule, as of now: members who
 * qualify get (or keep) the tag until now + its valid days; rule-given tags of members who no longer
 * qualify are removed when the rule says so. Each evaluation looks only at the present facts, so a run
 * after downtime catches up by itself. Spend comes from the payments plugin (its declared reports);
 * no-shows are this plugin's own.
 */
import type { Core } from '@strapi/strapi';
import { clock } from '../../../../../platform/clock';
import { fail } from '../../../../../platform/errors';
import { inTransaction } from '../../../../../platform/transaction';
import { planTagRule, qualifies, ruleTagExpiry, ruleWindowStart, tagRuleOf, type TagRule } from '../domain/tag-rules';
import { tagRulesRepository } from '../repositories/tag-rules';
import { paymentsPort } from './payments-port';
import { reply } from '../../../../../platform/reply';

export interface TagForm {
  name: string;
  color?: string | null;
  description?: string | null;
  rule: 'none' | 'spend_above' | 'no_shows';
  threshold?: number | null;
  days?: number | null;
  validDays?: number | null;
  removeWhenUnqualified: boolean;
}

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const repo = tagRulesRepository(strapi);
  const payments = paymentsPort(strapi);

  const present = (t: any, members: number) => ({
    id: t.documentId,
    name: t.name,
    code: t.code ?? null,
    color: t.color ?? null,
    description: t.description ?? null,
    rule: (t.rule ?? 'none') as TagForm['rule'],
    threshold: t.rule_threshold ?? null,
    days: t.rule_days ?? null,
    validDays: t.default_valid_days ?? null,
    removeWhenUnqualified: Boolean(t.rule_removes),
    active: tagRuleOf(t) !== null,
    members,
  });

  const data = (f: TagForm) => ({
    name: f.name,
    color: f.color ?? null,
    description: f.description ?? null,
    rule: f.rule,
    rule_threshold: f.rule === 'none' ? null : f.threshold,
    rule_days: f.rule === 'none' ? null : f.days,
    default_valid_days: f.validDays ?? null,
    rule_removes: f.rule !== 'none' && f.removeWhenUnqualified,
  });

  /** Who meets the rule now. */
  async function qualifying(rule: TagRule, now: Date): Promise<number[]> {
    const since = ruleWindowStart(rule, now);
    if (rule.kind === 'no_shows') return repo.membersWithNoShows(since, rule.threshold);
    const spenders = await payments.reports.membersWhoSpent({ since, minFen: rule.threshold });
    return spenders.filter((s) => qualifies(rule, s.spentFen)).map((s) => s.userId);
  }

  const service = {
    async list() {
      const [tags, counts] = await Promise.all([repo.tags(), repo.memberCounts(clock.now())]);
      return reply(tags.map((t) => present(t, counts.get(Number(t.id)) ?? 0)));
    },

    /** 201 with the new tag (nobody holds it yet). */
    async create(form: TagForm) {
      const created: any = await repo.createTag(data(form));
      return reply(present(created, 0), {}, { status: 201 });
    },

    async update(documentId: string, form: TagForm) {
      const tag = await repo.tag(documentId);
      if (!tag) throw fail('NOT_FOUND', 'No such tag.');
      await repo.updateTag(documentId, data(form));
      const counts = await repo.memberCounts(clock.now());
      return reply(present(await repo.tag(documentId), counts.get(Number(tag.id)) ?? 0));
    },

    /** The job's body: every rule tag, each member's change in its own small transaction. */
    async applyAll(now = clock.now()) {
      const summary: { tag: string; given: number; removed: number }[] = [];
      for (const tag of await repo.tags()) {
        const rule = tagRuleOf(tag);
        if (!rule) continue;
        const plan = planTagRule({ rule, qualifying: await qualifying(rule, now), holders: await repo.holders(Number(tag.id), now) });
        const expiresAt = ruleTagExpiry(rule, now);
        let given = 0;
        let removed = 0;
        for (const userId of plan.give) {
          const outcome = await inTransaction(strapi, () => repo.putRuleTag(userId, Number(tag.id), expiresAt, `rule ${tag.rule}`));
          if (outcome === 'added') given += 1;
        }
        for (const userId of plan.remove) removed += await inTransaction(strapi, () => repo.dropRuleTag(userId, Number(tag.id)));
        summary.push({ tag: tag.documentId, given, removed });
      }
      return summary;
    },

    /** The page's "apply now": the job's run on demand, its summary as the reply. */
    applyNow: async () => reply(await service.applyAll()),
  };
  return service;
};
