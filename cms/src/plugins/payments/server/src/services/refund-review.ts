import { pagination } from '../../../../../platform/pagination';
import { reply } from '../../../../../platform/reply';
import { catalogRepository } from '../repositories/catalog';
import type { Page } from '../repositories/support';
import { getPaymentsService } from './accessor';
import { presentEntry } from './member-payments';

/** The refund review queue as staff read it: each request with who asked (nickname) and its refunds. */
export default ({ strapi }: { strapi: any }) => {
  const catalog = catalogRepository(strapi);
  return {
    async queue(filter: { status?: string; kind?: 'withdraw' | 'dispute' }, page: Page) {
      const { data, pagination: pages } = await getPaymentsService(strapi, 'refunds').listForStaff(filter, page);
      const names = await catalog.memberNicknames(data.map((r) => r.member));
      return reply(
        data.map((r) => ({ ...r, memberNickname: names.get(r.member) ?? null })),
        { pagination: pages },
      );
    },

    async detail(documentId: string) {
      const request = await getPaymentsService(strapi, 'refunds').get(documentId);
      const names = await catalog.memberNicknames([request.member]);
      return reply({ ...request, memberNickname: names.get(request.member) ?? null });
    },

    /** The member's wallet ledger beside the request, rows as the member reads them. */
    async ledger(userId: number, page: Page) {
      const { rows, total } = await getPaymentsService(strapi, 'wallet').transactions(userId, page);
      return reply(rows.map(presentEntry), { pagination: pagination(page, total) });
    },
  };
};
