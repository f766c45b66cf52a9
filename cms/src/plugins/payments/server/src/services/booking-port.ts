/**
 * What the payments plugin needs from the booking plugin – its declared services and nothing else:
 * member batches (large coupon hand-outs run as a background job with progress) and the booking figures
 * of coupon analytics. The booking plugin owns those tables; this plugin never reads them.
 */
export interface BatchCreated {
  id: string;
  status: string;
  total: number;
}

export interface BookingPort {
  memberBatches: {
    create(input: {
      action: { operation: 'issue_coupon'; template: string };
      selection: { by: 'tag'; tag: string } | { by: 'list'; list: string };
      staffId: number;
    }): Promise<BatchCreated>;
  };
  couponFacts: {
    bookingFigures(bookingIds: string[]): Promise<{ bookings: number; discountFen: number; revenueFen: number }>;
  };
  /** WeChat subscribe messages (the booking plugin's outbox): the refund result notice. */
  reminders: {
    enqueue(message: {
      memberId: number;
      kind: 'refund_result';
      dedupeKey: string;
      data: { request: string; result: 'refunded' | 'partially_refunded' | 'failed' | 'rejected'; amountFen: number; note?: string | null };
    }): Promise<boolean>;
  };
}

export function bookingPort(strapi: any): BookingPort {
  const plugin = () => strapi.plugin('booking');
  return {
    get memberBatches() {
      return plugin().service('member-batches');
    },
    get couponFacts() {
      return plugin().service('coupon-facts');
    },
    get reminders() {
      return plugin().service('reminders');
    },
  };
}
