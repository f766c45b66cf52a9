/**
 * Batch operations over members (issue a coupon, add or remove a tag), run by a background job.
 *
 * Guarantees: the members are fixed when the batch is created (one item row each, unique per batch and
 * member); each member's step and the settling of its item commit in one transaction, so a member is
 * processed at most once even when a run is replayed; a coupon carries the issue key `batch:<id>:<member>`
 * (unique) as a second guard. The job runs under the cluster lease, and after a restart it carries on
 * from the batch's cursor with the items still pending.
 */
import type { Core } from '@strapi/strapi';
import { clock } from '../../../../../platform/clock';
import { fail, isDomainError } from '../../../../../platform/errors';
import { inTransaction } from '../../../../../platform/transaction';
import { runtime } from '../../../../../platform/runtime';
import { batchProgress, checkTagExpiry, parseMemberList, unmatchedEntries } from '../domain/members';
import { memberBatchesRepository, type BatchOperation, type BatchRow } from '../repositories/member-batches';
import { membersRepository, type MemberFilter } from '../repositories/members';
import { paymentsPort } from './payments-port';
import { pagination } from '../../../../../platform/pagination';
import { reply } from '../../../../../platform/reply';

export const RUN_MEMBER_BATCHES_JOB = 'booking.run-member-batches';

export type BatchSelection = { by: 'tag'; tag: string } | { by: 'filter'; filter: MemberFilter } | { by: 'list'; list: string };
export type BatchAction = { operation: 'issue_coupon'; template: string } | { operation: 'add_tag'; tag: string; expiresAt: Date | null } | { operation: 'remove_tag'; tag: string };

interface Page {
  page: number;
  pageSize: number;
}

const CHUNK = 200;

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const repo = memberBatchesRepository(strapi);
  const members = membersRepository(strapi);
  const payments = paymentsPort(strapi);

  async function mustFindTag(tag: string) {
    const t = await members.tag(tag);
    if (!t) throw fail('NOT_FOUND', `No tag "${tag}"; create it under 会员标签 Tags first.`);
    return t;
  }

  /** The action's parameters, checked once at creation and stored with the batch. */
  async function resolveAction(action: BatchAction): Promise<{ operation: BatchOperation; params: Record<string, unknown> }> {
    if (action.operation === 'issue_coupon') {
      const t = await members.couponTemplate(action.template);
      if (!t) throw fail('NOT_FOUND', 'No such coupon template.');
      if (!t.active) throw fail('INVALID_STATE', `The coupon template "${t.name}" is switched off; activate it before issuing.`);
      return { operation: 'issue_coupon', params: { template: t.documentId, templateName: t.name } };
    }
    const tag = await mustFindTag(action.tag);
    if (action.operation === 'add_tag') {
      const expiresAt = checkTagExpiry(action.expiresAt, clock.now());
      return { operation: 'add_tag', params: { tag: tag.documentId, tagId: tag.id, tagName: tag.name, expiresAt: expiresAt?.toISOString() ?? null } };
    }
    return { operation: 'remove_tag', params: { tag: tag.documentId, tagId: tag.id, tagName: tag.name } };
  }

  /** Writes the batch's items page by page (never the whole member table in memory at once). */
  async function addSelectedMembers(batch: BatchRow, selection: BatchSelection, now: Date): Promise<string[]> {
    if (selection.by === 'list') {
      const parsed = parseMemberList(selection.list);
      const found = await members.resolve(parsed.ids, parsed.openids);
      await repo.insertItems(batch.id, [...new Set(found.map((f) => f.id))].sort((a, b) => a - b), now);
      return unmatchedEntries(parsed, found);
    }
    const tagId = selection.by === 'tag' ? (await mustFindTag(selection.tag)).id : null;
    for (let after = 0; ; ) {
      const ids = tagId !== null ? await members.idsWithTag(tagId, now, after, 1000) : await members.idsMatching((selection as any).filter, now, after, 1000);
      if (ids.length === 0) break;
      await repo.insertItems(batch.id, ids, now);
      after = ids[ids.length - 1];
    }
    return [];
  }

  /** One member's step; the item is settled in the same transaction. */
  async function processMember(batch: BatchRow, item: { id: number; userId: number }, template: unknown) {
    const now = clock.now();
    try {
      await inTransaction(strapi, async () => {
        let status: 'done' | 'skipped' | 'failed' = 'done';
        let reason: string | null = null;
        if (batch.operation === 'issue_coupon') {
          const outcome: any = await payments.coupons.issue({
            template: template ?? batch.params.template,
            userId: item.userId,
            source: 'staff',
            issuedBy: batch.createdBy,
            issueKey: `batch:${batch.id}:${item.userId}`,
          });
          if (!outcome.issued && outcome.reason === 'limit') {
            status = 'failed';
            reason = 'already holds as many of this coupon as the template allows (per-member limit)';
          }
        } else if (batch.operation === 'add_tag') {
          await members.putTag(item.userId, batch.params.tagId, batch.params.expiresAt ? new Date(batch.params.expiresAt) : null, `batch ${batch.documentId}`);
        } else if ((await members.dropTag(item.userId, batch.params.tagId)) === 0) {
          status = 'skipped';
          reason = 'did not hold the tag';
        }
        // Settled already (a replay): roll the step back by failing the transaction.
        if (!(await repo.settleItem(item.id, status, reason, now))) throw new AlreadySettled();
      });
    } catch (err) {
      if (err instanceof AlreadySettled) return;
      if (!isDomainError(err)) throw err;
      await repo.settleItem(item.id, 'failed', err.message, now);
    }
  }

  async function present(batch: BatchRow) {
    const counts = await repo.counts(batch.id);
    const total = counts.pending + counts.done + counts.skipped + counts.failed;
    const progress = batchProgress({ total, ...counts });
    return {
      id: batch.documentId,
      operation: batch.operation,
      params: batch.params,
      selection: batch.selection,
      unresolved: batch.unresolved,
      status: batch.status,
      total,
      done: counts.done,
      skipped: counts.skipped,
      failed: counts.failed,
      pending: counts.pending,
      processed: progress.processed,
      percent: progress.percent,
      createdAt: batch.createdAt.toISOString(),
      startedAt: batch.startedAt?.toISOString() ?? null,
      finishedAt: batch.finishedAt?.toISOString() ?? null,
    };
  }

  const service = {
    async create(input: { action: BatchAction; selection: BatchSelection; staffId: number }) {
      const { operation, params } = await resolveAction(input.action);
      const batch = await inTransaction(strapi, async (tx) => {
        const now = clock.now();
        const selectionRecord = input.selection.by === 'list' ? { by: 'list', entries: parseMemberList(input.selection.list).entries } : input.selection;
        const created = await repo.insertBatch({ operation, params, selection: selectionRecord, unresolved: [], createdBy: input.staffId, now });
        const unresolved = await addSelectedMembers(created, input.selection, now);
        const total = await repo.setTotal(created.id);
        if (total === 0) throw fail('VALIDATION', unresolved.length ? 'None of the pasted entries is a member; check the ids and openids.' : 'No member matches this selection.', { unresolved: unresolved.slice(0, 50) });
        if (unresolved.length) await repo.storeUnresolved(created.id, unresolved);
        tx.afterCommit(() => service.kick());
        return created;
      });
      return present((await repo.find(batch.documentId))!);
    },

    /** Starts the job now instead of at its next tick (it runs once per cluster either way). */
    kick() {
      const scheduler = runtime().scheduler;
      if (!scheduler.isEnabled()) return;
      void scheduler.runNow(RUN_MEMBER_BATCHES_JOB);
    },

    /** The batches page's "create": 201 with the new batch, which the job then works through. */
    async start(input: { action: BatchAction; selection: BatchSelection; staffId: number }) {
      return reply(await service.create(input), {}, { status: 201 });
    },

    async progress(documentId: string, failuresPage: Page) {
      const batch = await repo.find(documentId);
      if (!batch) throw fail('NOT_FOUND', 'No such batch.');
      const failures = await repo.failures(batch.id, failuresPage);
      return {
        ...(await present(batch)),
        failures: failures.rows,
        failuresPagination: pagination(failuresPage, failures.total),
      };
    },

    /** A batch's progress as the batch page reads it (`progress` gives the figures to callers that poll it). */
    report: async (documentId: string, failuresPage: Page) => reply(await service.progress(documentId, failuresPage)),

    async list(page: Page) {
      const { rows, total } = await repo.list(page);
      const data = [];
      for (const b of rows) data.push(await present(b));
      return reply(data, { pagination: pagination(page, total) });
    },

    /**
     * The job's body: works through unfinished batches, oldest first, until they are done or the time
     * budget is spent (the next tick carries on from the cursor). `maxMembers` stops early (tests use it
     * to simulate a process dying mid-batch).
     */
    async runPending(opts: { budgetMs?: number; maxMembers?: number } = {}) {
      const deadline = Date.now() + (opts.budgetMs ?? 110_000);
      let processed = 0;
      for (;;) {
        const batch = await repo.nextUnfinished();
        if (!batch) return { processed, idle: true };
        if (batch.status === 'queued') await repo.markRunning(batch.id, clock.now());
        // Loaded once per run; a template switched off meanwhile fails each remaining member with the reason.
        let template: unknown = null;
        if (batch.operation === 'issue_coupon') template = await payments.coupons.template(batch.params.template).catch(() => null);
        for (let after = batch.resumeAfterId; ; ) {
          const items = await repo.pendingItems(batch.id, after, CHUNK);
          if (items.length === 0) break;
          for (const item of items) {
            if (Date.now() > deadline || (opts.maxMembers !== undefined && processed >= opts.maxMembers)) {
              await repo.advanceCursor(batch.id, after);
              return { processed, idle: false };
            }
            await processMember(batch, item, template);
            processed += 1;
            after = item.id;
          }
          await repo.advanceCursor(batch.id, after);
        }
        // Items before the cursor that a crash left pending (their transaction rolled back) are retried.
        if (await repo.hasPending(batch.id)) {
          const leftovers = await repo.pendingItems(batch.id, 0, CHUNK);
          for (const item of leftovers) {
            await processMember(batch, item, template);
            processed += 1;
          }
          if (await repo.hasPending(batch.id)) continue;
        }
        await repo.markCompleted(batch.id, clock.now());
      }
    },
  };
  return service;
};

class AlreadySettled extends Error {}
