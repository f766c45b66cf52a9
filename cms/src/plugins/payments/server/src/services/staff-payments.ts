import type { Core } from '@strapi/strapi';
import { reply } from '../../../../../platform/reply';
import type { Page } from '../repositories/support';
import type { Actor } from './types';
import { getPaymentsService } from './accessor';

/**
 * The staff's money actions as the admin API answers them: each runs its use case (refunds, coupons,
 * wallet) and shapes the finished reply, so the staff controller only validates and responds. The
 * services it calls keep returning their own results for the jobs, seeds and other services using them.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const svc = <K extends Parameters<typeof getPaymentsService>[1]>(name: K) => getPaymentsService(strapi, name);

  return {
    async refundRequests(filter: { status?: string }, page: Page) {
      const { data, pagination } = await svc('refunds').listForStaff(filter, page);
      return reply(data, { pagination });
    },

    refundRequest: async (documentId: string) => reply(await svc('refunds').get(documentId)),

    approveRefund: async (input: { requestId: string; staff: Actor; amountFen?: number; note?: string }) => reply(await svc('refunds').approve(input)),

    rejectRefund: async (input: { requestId: string; staff: Actor; reason: string }) => reply(await svc('refunds').reject(input)),

    /** 201 with what was issued: to the members listed, or to everyone holding the tag now. */
    async issueCoupons(input: { template: string; members?: number[]; tag?: string; issuedBy: number | null }) {
      const issued = input.tag
        ? await svc('coupons').issueToTag({ template: input.template, tag: input.tag, issuedBy: input.issuedBy })
        : await svc('coupons').issueToMembers({ template: input.template, userIds: input.members!, source: 'staff', issuedBy: input.issuedBy });
      return reply(issued, {}, { status: 201 });
    },

    couponTemplateStats: async (template: string) => reply(await svc('coupons').templateStats(template)),

    wallet: async (userId: number) => reply(await svc('memberships').walletSummary(userId)),

    /** 201 with the new ledger entry and the balances after it. */
    async adjustWallet(input: { userId: number; amountFen: number; part: 'principal' | 'bonus'; reason: string; actor: Actor }) {
      const moved = await svc('wallet').adjust(input);
      return reply({ entryId: await moved.entryId, balance_after_fen: moved.balanceAfterFen, bonus_after_fen: moved.bonusAfterFen }, {}, { status: 201 });
    },
  };
};
