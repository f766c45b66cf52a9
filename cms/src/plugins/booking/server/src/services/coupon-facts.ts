import type { Core } from '@strapi/strapi';
import { couponFactsRepository } from '../repositories/coupon-facts';

/** Declared for the payments plugin (its booking port): booking figures behind its coupon analytics. */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const repo = couponFactsRepository(strapi);
  return {
    bookingFigures: (bookingIds: string[]) => repo.bookingFigures(bookingIds),
  };
};
