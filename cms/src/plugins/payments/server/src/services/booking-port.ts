import type { Core } from '@strapi/strapi';
import { getBookingService, type BookingServices } from '../../../../booking/server/src/services/accessor';

/**
 * What the payments plugin needs from the booking plugin – its declared services and nothing else, typed
 * by booking's own service types: member batches (large coupon hand-outs run as a background job with
 * progress) and the booking figures of coupon analytics. The booking plugin owns those tables; this
 * plugin never reads them.
 */
export interface BookingPort {
  memberBatches: Pick<BookingServices['member-batches'], 'create'>;
  couponFacts: Pick<BookingServices['coupon-facts'], 'bookingFigures'>;
  /** WeChat subscribe messages (the booking plugin's outbox): the refund result notice. */
  reminders: Pick<BookingServices['reminders'], 'enqueue'>;
}

export function bookingPort(strapi: Core.Strapi): BookingPort {
  return {
    get memberBatches() {
      return getBookingService(strapi, 'member-batches');
    },
    get couponFacts() {
      return getBookingService(strapi, 'coupon-facts');
    },
    get reminders() {
      return getBookingService(strapi, 'reminders');
    },
  } satisfies BookingPort;
}
