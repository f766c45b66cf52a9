/**
 * The coupon pages of the back office: template editor, distribution with the audience counted first,
 * and the analytics of a template.
 *
 * Distribution: up to DIRECT_ISSUE_LIMIT members are issued in the request (each within the template's
 * per-member limit); a larger audience becomes a member batch of the booking plugin (through the booking
 * port), which issues in the background under the cluster lock with an issue key per member.
 */
import { DateTime } from 'luxon';
import { clock } from '../../../../../platform/clock';
import { fail } from '../../../../../platform/errors';
import { inTransaction } from '../../../../../platform/transaction';
import {
  dayNumberToDate,
  distributionMode,
  redemptionPermille,
  redemptionSeries,
  validateCouponTerms,
  type CouponTemplateForm,
} from '../domain';
import { catalogRepository } from '../repositories/catalog';
import { couponAnalyticsRepository } from '../repositories/coupon-analytics';
import { couponTemplatesRepository, type TemplateRecord } from '../repositories/coupon-templates';
import { getPaymentsService } from './accessor';
import { bookingPort } from './booking-port';
import { pagination } from '../../../../../platform/pagination';
import { reply } from '../../../../../platform/reply';

export type Audience = { members: number[] } | { tag: string };

const EMPTY_COUNTS = { unused: 0, used: 0, expired: 0, revoked: 0 };

export default ({ strapi }: { strapi: any }) => {
  const templates = couponTemplatesRepository(strapi);
  const analytics = couponAnalyticsRepository(strapi);
  const catalog = catalogRepository(strapi);
  const booking = bookingPort(strapi);

  async function mustFind(documentId: string): Promise<TemplateRecord> {
    const t = await templates.find(documentId);
    if (!t) throw fail('NOT_FOUND', 'No such coupon template.');
    return t;
  }

  async function roomsOf(form: CouponTemplateForm): Promise<string[]> {
    const { ids, unknown } = await templates.roomIds(form.rooms);
    if (unknown.length) throw fail('VALIDATION', `Unknown room(s): ${unknown.join(', ')}. Pick rooms from the list.`, { errors: [{ path: ['rooms'], message: 'Unknown room.' }] });
    return ids;
  }

  /** The terms check the issuing code runs, so the editor never saves a template that cannot issue. */
  function checkTerms(form: CouponTemplateForm) {
    validateCouponTerms({
      kind: form.kind,
      amountOffFen: form.amount_off_fen ?? null,
      percentOff: form.percent_off ?? null,
      maxDiscountFen: form.max_discount_fen ?? null,
      freeHours: form.free_hours ?? null,
      minSpendFen: form.min_spend_fen,
      roomIds: form.rooms,
      appliesTo: form.applies_to,
    });
  }

  const withCounts = (t: TemplateRecord, counts: Record<string, number> = EMPTY_COUNTS) => {
    const issued = counts.unused + counts.used + counts.expired + counts.revoked;
    return { ...t, stats: { issued, ...counts, redemption_permille: redemptionPermille(counts.used, issued) } };
  };

  async function audienceIds(audience: Audience): Promise<{ ids: number[]; tag?: { documentId: string; name: string } }> {
    if ('tag' in audience) {
      const tag = await catalog.tagByDocumentId(audience.tag);
      if (!tag) throw fail('NOT_FOUND', 'No such tag.');
      return { ids: await catalog.membersWithTag(tag.id, clock.now()), tag: { documentId: tag.documentId, name: tag.name } };
    }
    return { ids: await templates.existingMembers([...new Set(audience.members)]) };
  }

  async function templateWithCounts(documentId: string) {
    const t = await mustFind(documentId);
    return withCounts(t, (await analytics.statusCounts([t.id])).get(t.id));
  }

  const service = {
    async list(filter: { q?: string; active?: boolean }, page: { page: number; pageSize: number }) {
      const { rows, total } = await templates.list(filter, page);
      const counts = await analytics.statusCounts(rows.map((r) => r.id));
      return reply(rows.map((t) => withCounts(t, counts.get(t.id))), { pagination: pagination(page, total) });
    },

    get: async (documentId: string) => reply(await templateWithCounts(documentId)),

    /** 201 with the new template (nothing issued yet). */
    async create(form: CouponTemplateForm) {
      checkTerms(form);
      const created = await inTransaction(strapi, async () => templates.create(form, await roomsOf(form)));
      return reply(withCounts(created), {}, { status: 201 });
    },

    /** Issued coupons keep the terms they were issued with; an edit changes what is issued from now on. */
    async update(documentId: string, form: CouponTemplateForm) {
      await mustFind(documentId);
      checkTerms(form);
      const updated = await inTransaction(strapi, async () => templates.update(documentId, form, await roomsOf(form)));
      return reply(await templateWithCounts(updated.documentId));
    },

    /** Who a hand-out would reach, counted before anything is issued. */
    async audience(documentId: string, audience: Audience) {
      const t = await mustFind(documentId);
      const { ids, tag } = await audienceIds(audience);
      return reply({ template: t.documentId, count: ids.length, mode: distributionMode(ids.length), tag: tag ?? null });
    },

    /** 201 when issued in the request, 202 when a member batch issues in the background. */
    async distribute(documentId: string, audience: Audience, staffId: number) {
      const t = await mustFind(documentId);
      if (!t.active) throw fail('INVALID_STATE', `The coupon template "${t.name}" is switched off; activate it before issuing.`);
      const { ids, tag } = await audienceIds(audience);
      if (ids.length === 0) throw fail('VALIDATION', tag ? `Nobody holds the tag "${tag.name}" now.` : 'None of the chosen ids is a member.', { errors: [{ path: ['audience'], message: 'Empty audience.' }] });
      if (distributionMode(ids.length) === 'batch') {
        const selection = tag ? { by: 'tag' as const, tag: tag.documentId } : { by: 'list' as const, list: ids.join(',') };
        const batch = await booking.memberBatches.create({ action: { operation: 'issue_coupon', template: t.documentId }, selection, staffId });
        return reply({ mode: 'batch' as const, audience: ids.length, batch: { id: batch.id, status: batch.status, total: batch.total }, issued: 0, skipped_limit: 0 }, {}, { status: 202 });
      }
      const coupons = getPaymentsService(strapi, 'coupons');
      const result = await coupons.issueToMembers({ template: t.documentId, userIds: ids, source: tag ? 'tag' : 'staff', issuedBy: staffId });
      return reply({ mode: 'direct' as const, audience: ids.length, batch: null, issued: result.issued, skipped_limit: result.skipped_limit }, {}, { status: 201 });
    },

    /**
     * Issued, used, expired and unused; the redemption curve by local day; the discount given and the
     * revenue of the bookings and recharges that used the coupon.
     */
    async analytics(documentId: string) {
      const t = await mustFind(documentId);
      const params = await catalog.parameters();
      const now = clock.now();
      const offsetSeconds = DateTime.fromJSDate(now, { zone: params?.store_timezone || 'Asia/Shanghai' }).offset * 60;
      const today = Math.floor((now.getTime() / 1000 + offsetSeconds) / 86400);
      const counts = (await analytics.statusCounts([t.id])).get(t.id) ?? EMPTY_COUNTS;
      const [days, recharge] = await Promise.all([analytics.perDay(t.id, offsetSeconds), analytics.rechargeFigures(t.id)]);
      const bookingIds: string[] = [];
      for (let after = 0; ; ) {
        const page = await analytics.bookingRefs(t.id, after, 1000);
        if (page.length === 0) break;
        bookingIds.push(...page.map((p) => p.ref));
        after = page[page.length - 1].id;
      }
      const bookings = await booking.couponFacts.bookingFigures(bookingIds);
      const issued = counts.unused + counts.used + counts.expired + counts.revoked;
      return reply({
        template: { id: t.documentId, name: t.name, kind: t.kind, active: t.active },
        counts: { issued, ...counts },
        redemption_permille: redemptionPermille(counts.used, issued),
        series: redemptionSeries(days, today).map((d) => ({ ...d, date: dayNumberToDate(d.day) })),
        discount_fen: { bookings: bookings.discountFen, recharges: recharge.bonusFen, total: bookings.discountFen + recharge.bonusFen },
        revenue_fen: { bookings: bookings.revenueFen, recharges: recharge.paidFen, total: bookings.revenueFen + recharge.paidFen },
        uses: { bookings: bookings.bookings, recharges: recharge.count },
      });
    },
  };
  return service;
};
