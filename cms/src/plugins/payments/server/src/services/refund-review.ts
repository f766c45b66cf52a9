import { catalogRepository } from '../repositories/catalog';
import type { Page } from '../repositories/support';
import { getPaymentsService } from './accessor';

/** The refund review queue as staff read it: each request with who asked (nickname) and its refunds. */
export default ({ strapi }: { strapi: any }) => {
  const catalog = catalogRepository(strapi);
  return {
    async queue(filter: { status?: string; kind?: 'withdraw' | 'dispute' }, page: Page) {
      const { data, pagination } = await getPaymentsService(strapi, 'refunds').listForStaff(filter, page);
      const names = await catalog.memberNicknames(data.map((r) => r.member));
      return { data: data.map((r) => ({ ...r, memberNickname: names.get(r.member) ?? null })), pagination };
    },

    async detail(documentId: string) {
      const request = await getPaymentsService(strapi, 'refunds').get(documentId);
      const names = await catalog.memberNicknames([request.member]);
      return { ...request, memberNickname: names.get(request.member) ?? null };
    },

    async ledger(userId: number, page: Page) {
      return getPaymentsService(strapi, 'wallet').transactions(userId, page);
    },
  };
};
