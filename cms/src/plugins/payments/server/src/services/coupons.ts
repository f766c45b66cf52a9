/**
 * Issued coupons: issue (by staff, to a tag, on sign-up, on recharge), validate, redeem, release, expire.
 *
 * Guarantees:
 * - a coupon is used once: redeem is one conditional UPDATE unused → used; a concurrent second redeem
 *   matches no row and gets COUPON_INVALID reason `used`;
 * - the per-member limit holds under concurrent issue: the n-th coupon of a template for a member has
 *   seq = n under a unique (template, member, seq) index;
 * - automatic issues (sign-up, recharge) carry an issue key under a unique index, so a retried event or a
 *   duplicated notification never issues twice.
 */
import { clock } from '../../../../../platform/clock';
import { fail } from '../../../../../platform/errors';
import {
  canIssueMore,
  checkCouponUsable,
  couponDiscountFen,
  couponExpiry,
  couponFitsPurpose,
  validateCouponTerms,
  type CouponPurpose,
} from '../domain';
import { catalogRepository, type CouponTemplate } from '../repositories/catalog';
import { couponsRepository, termFields, type CouponRow } from '../repositories/coupons';
import { isUniqueViolation, iso, type Page } from '../repositories/support';
import { refId, type Ref } from './types';
import { pagination } from '../../../../../platform/pagination';

export type IssueSource = 'staff' | 'tag' | 'signup' | 'recharge';

export type IssueOutcome = { issued: true; coupon: CouponRow } | { issued: false; reason: 'limit' | 'duplicate'; coupon?: CouponRow };

/** The member-facing shape of a coupon. */
export function presentCoupon(c: CouponRow, extra: Record<string, unknown> = {}) {
  return {
    id: c.documentId,
    documentId: c.documentId,
    name: c.name,
    ...termFields(c.terms),
    rooms: c.terms.roomIds,
    valid_from: iso(c.validFrom),
    valid_to: iso(c.validTo),
    status: c.status,
    source: c.source,
    used_at: iso(c.usedAt),
    ...extra,
  };
}

export default ({ strapi }: { strapi: any }) => {
  const repo = couponsRepository(strapi);
  const catalog = catalogRepository(strapi);

  async function loadTemplate(template: number | string): Promise<CouponTemplate> {
    const t = await catalog.template(template);
    if (!t) throw fail('NOT_FOUND', 'No such coupon template.');
    if (!t.active) throw fail('INVALID_STATE', `The coupon template "${t.name}" is switched off; activate it before issuing.`);
    validateCouponTerms(t.terms);
    return t;
  }

  const service = {
    /** Issues one coupon of a template to a member, within the template's per-member limit. */
    async issue(input: { template: number | string | CouponTemplate; userId: number; source: IssueSource; issuedBy?: number | null; issueKey?: string | null; now?: Date }): Promise<IssueOutcome> {
      const template = typeof input.template === 'object' ? input.template : await loadTemplate(input.template);
      const now = input.now ?? clock.now();
      const validity = couponExpiry({ issuedAt: now, validFrom: template.validFrom, validTo: template.validTo, validDaysAfterIssue: template.validDaysAfterIssue });
      const issueKey = input.issueKey ?? null;
      if (issueKey) {
        const existing = await repo.findByIssueKey(issueKey);
        if (existing) return { issued: false, reason: 'duplicate', coupon: existing };
      }
      for (let attempt = 0; attempt < 3; attempt += 1) {
        const already = await repo.countIssued(template.id, input.userId);
        if (!canIssueMore({ alreadyIssuedToMember: already, perMemberLimit: template.perMemberLimit })) return { issued: false, reason: 'limit' };
        try {
          const coupon = await repo.insert({
            userId: input.userId,
            templateId: template.id,
            seq: already + 1,
            name: template.name,
            terms: template.terms,
            validFrom: validity.validFrom,
            validTo: validity.validTo,
            source: input.source,
            issuedBy: input.issuedBy ?? null,
            issueKey,
          });
          return { issued: true, coupon };
        } catch (e) {
          if (!isUniqueViolation(e)) throw e;
          if (issueKey) {
            const existing = await repo.findByIssueKey(issueKey);
            if (existing) return { issued: false, reason: 'duplicate', coupon: existing };
          }
          // Someone issued the same seq concurrently: count again.
        }
      }
      return { issued: false, reason: 'limit' };
    },

    /** Issues a template to several members (staff hand-out or a tag batch) and reports what happened. */
    async issueToMembers(input: { template: number | string; userIds: number[]; source: IssueSource; issuedBy?: number | null }) {
      const template = await loadTemplate(input.template);
      const now = clock.now();
      let issued = 0;
      let limited = 0;
      const coupons: string[] = [];
      for (const userId of [...new Set(input.userIds)]) {
        const outcome = await service.issue({ template, userId, source: input.source, issuedBy: input.issuedBy, now });
        if (outcome.issued) {
          issued += 1;
          coupons.push(outcome.coupon.documentId);
        } else {
          limited += 1;
        }
      }
      return { template: template.documentId, members: new Set(input.userIds).size, issued, skipped_limit: limited, coupons };
    },

    /** Batch issue to every member holding a tag now. */
    async issueToTag(input: { template: string; tag: string; issuedBy?: number | null }) {
      const tag = await catalog.tagByDocumentId(input.tag);
      if (!tag) throw fail('NOT_FOUND', 'No such tag.');
      const userIds = await catalog.membersWithTag(tag.id, clock.now());
      return { tag: tag.documentId, ...(await service.issueToMembers({ template: input.template, userIds, source: 'tag', issuedBy: input.issuedBy })) };
    },

    /** A template checked once for many issues (a member batch passes it back to `issue`). */
    async template(template: number | string): Promise<CouponTemplate> {
      return loadTemplate(template);
    },

    /** Sign-up gifts: every active template marked issue_on_signup, once per member. */
    async issueOnSignup(userId: number) {
      for (const template of await catalog.signupTemplates()) {
        try {
          await service.issue({ template, userId, source: 'signup', issueKey: `signup:${template.id}:${userId}` });
        } catch (err) {
          strapi.log.warn(`[payments] sign-up coupon "${template.name}" not issued to member ${userId}: ${(err as Error).message}`);
        }
      }
    },

    /** Recharge gifts for a credited recharge: once per recharge order and template. */
    async issueOnRecharge(userId: number, outTradeNo: string, paidFen: number) {
      for (const template of await catalog.rechargeTemplates(paidFen)) {
        try {
          await service.issue({ template, userId, source: 'recharge', issueKey: `recharge:${template.id}:${outTradeNo}` });
        } catch (err) {
          strapi.log.warn(`[payments] recharge coupon "${template.name}" not issued to member ${userId}: ${(err as Error).message}`);
        }
      }
    },

    /**
     * Throws COUPON_INVALID (details.reason) unless the member may use this coupon now for this order.
     * A coupon that does not exist reads as not_owned, so ids of other members' coupons reveal nothing.
     */
    async usable(input: { couponId: string; userId: number; now: Date; purpose: CouponPurpose; amountFen: number; roomId?: string | null }): Promise<CouponRow> {
      const coupon = await repo.find(input.couponId);
      if (!coupon) throw fail('COUPON_INVALID', 'This coupon does not belong to you.', { reason: 'not_owned' });
      checkCouponUsable({ coupon, userId: input.userId, now: input.now, purpose: input.purpose, amountFen: input.amountFen, roomId: input.roomId });
      return coupon;
    },

    /**
     * Marks the coupon used by `ref`, atomically. With `purpose`/`amountFen` the order's terms are checked
     * too; without them only ownership, state and validity (the caller priced the order already).
     */
    async redeem(input: { couponId: string; userId: number; ref: Ref; now?: Date; purpose?: CouponPurpose; amountFen?: number; roomId?: string | null }): Promise<CouponRow> {
      const now = input.now ?? clock.now();
      const coupon = await repo.find(input.couponId);
      if (!coupon) throw fail('COUPON_INVALID', 'This coupon does not belong to you.', { reason: 'not_owned' });
      if (input.purpose && input.amountFen !== undefined) {
        checkCouponUsable({ coupon, userId: input.userId, now, purpose: input.purpose, amountFen: input.amountFen, roomId: input.roomId });
      } else {
        // Terms that fit any order, so only ownership, state and the validity window are checked here.
        checkCouponUsable({
          coupon: { ...coupon, terms: { ...coupon.terms, kind: 'amount_off', appliesTo: 'any', roomIds: [], minSpendFen: 0 } },
          userId: input.userId,
          now,
          purpose: 'booking',
          amountFen: 0,
        });
      }
      if (!(await repo.markUsed(coupon.documentId, input.userId, now, { kind: input.ref.kind, id: refId(input.ref) }))) {
        // Lost the race (or it changed meanwhile): report its state as it is now.
        const current = await repo.find(coupon.documentId);
        if (current && current.status === 'used') throw fail('COUPON_INVALID', 'This coupon has already been used.', { reason: 'used' });
        checkCouponUsable({
          coupon: { ...(current ?? coupon), terms: { ...coupon.terms, kind: 'amount_off', appliesTo: 'any', roomIds: [], minSpendFen: 0 } },
          userId: input.userId,
          now,
          purpose: 'booking',
          amountFen: 0,
        });
        throw fail('COUPON_INVALID', 'This coupon has already been used.', { reason: 'used' });
      }
      return (await repo.find(coupon.documentId))!;
    },

    /**
     * Gives a redeemed coupon back (unpaid hold, closed recharge, cancelled booking), only if `ref` used it
     * and it is still valid. A cancellation releases only when the store's policy
     * (parameter release_coupon_on_cancel) says so.
     */
    async release(input: { couponId: string; ref: Ref; reason?: 'cancelled' | 'payment_failed' }): Promise<{ released: boolean; reason?: string }> {
      if (input.reason === 'cancelled') {
        const params = await catalog.parameters();
        if (params.release_coupon_on_cancel === false) return { released: false, reason: 'policy' };
      }
      const released = await repo.markUnused(input.couponId, { kind: input.ref.kind, id: refId(input.ref) }, clock.now());
      return released ? { released } : { released, reason: 'not_used_by_ref_or_expired' };
    },

    async findById(id: number) {
      return repo.findById(id);
    },

    async find(documentId: string) {
      return repo.find(documentId);
    },

    async expireOverdue(now = clock.now()) {
      return repo.expireOverdue(now);
    },

    /**
     * The member's coupons. With `usable`, only those they could use now, and with an amount/room/purpose
     * only those that fit that order, each with the discount it would give.
     */
    async listMine(userId: number, opts: { usable: boolean; amountFen?: number; roomId?: string; purpose?: CouponPurpose } & Page) {
      const now = clock.now();
      if (!opts.usable) {
        const { rows, pagination } = await repo.listForMember(userId, {}, opts);
        return { data: rows.map((c) => presentCoupon(c)), pagination };
      }
      const fitting: ReturnType<typeof presentCoupon>[] = [];
      for (const c of await repo.allUsableForMember(userId, now)) {
        if (opts.purpose && !couponFitsPurpose(c.terms, opts.purpose)) continue;
        if (opts.amountFen === undefined && opts.roomId === undefined) {
          fitting.push(presentCoupon(c));
          continue;
        }
        try {
          checkCouponUsable({ coupon: c, userId, now, purpose: opts.purpose ?? (c.terms.appliesTo === 'recharge' ? 'recharge' : 'booking'), amountFen: opts.amountFen ?? c.terms.minSpendFen, roomId: opts.roomId });
        } catch {
          continue;
        }
        const discount = opts.amountFen !== undefined && c.terms.kind !== 'free_hours' ? couponDiscountFen(c.terms, { amountFen: opts.amountFen }) : null;
        fitting.push(presentCoupon(c, { discount_fen: discount }));
      }
      const start = (opts.page - 1) * opts.pageSize;
      return {
        data: fitting.slice(start, start + opts.pageSize),
        pagination: pagination(opts, fitting.length),
      };
    },

    async templateStats(template: string) {
      const t = await catalog.template(template);
      if (!t) throw fail('NOT_FOUND', 'No such coupon template.');
      const counts = await repo.statsByTemplate(t.id);
      return { template: t.documentId, name: t.name, issued: counts.unused + counts.used + counts.expired + counts.revoked, ...counts };
    },
  };

  return service;
};
