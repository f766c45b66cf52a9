import type { Core } from '@strapi/strapi';
import { csvStream, exportFilename, keysetRows, type CsvExport } from '../../../../../platform/csv-export';
import { dayBounds, shiftDay, toLocalIso } from '../domain';
import { bookingExportsRepository } from '../repositories/exports';
import { loadParameters } from './policy';

export const BOOKING_EXPORT_HEADER = [
  '预约编号 booking_id',
  '下单时间 created_at',
  '会员 member_id',
  '昵称 nickname',
  '自习室 room',
  '座位 seat',
  '开始 start',
  '结束 end',
  '状态 status',
  '支付方式 pay_with',
  '原价(分) base_fen',
  '会员优惠(分) member_discount_fen',
  '优惠券(分) coupon_discount_fen',
  '实付(分) total_fen',
  '手续费(分) fee_fen',
  '退款(分) refund_fen',
  '签到时间 checked_in_at',
  '取消时间 cancelled_at',
  '取消原因 cancel_reason',
];

/** Bookings starting in a range of local dates, as CSV (UTF-8 with BOM), streamed page by page. */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const repo = bookingExportsRepository(strapi);
  return {
    async bookings(input: { fromDate: string; toDate: string }): Promise<CsvExport> {
      const { store_timezone: tz } = await loadParameters(strapi);
      const range = { from: dayBounds(input.fromDate, tz).start, to: dayBounds(shiftDay(input.toDate, 1), tz).start };
      const local = (d: Date | null) => (d ? toLocalIso(d, tz) : '');
      const rows = keysetRows((after, limit) => repo.page(range, after, limit));
      return {
        filename: exportFilename('bookings', input.fromDate, input.toDate),
        stream: csvStream(BOOKING_EXPORT_HEADER, rows, (r: any) => [
          r.document_id,
          local(r.created_at),
          r.user_id,
          r.nickname ?? '',
          r.room_name ?? '',
          r.seat_label ?? '',
          local(r.start_at),
          local(r.end_at),
          r.status,
          r.pay_method ?? '',
          Number(r.base_fen),
          Number(r.member_discount_fen),
          Number(r.coupon_discount_fen),
          Number(r.total_fen),
          Number(r.fee_fen ?? 0),
          Number(r.refund_fen ?? 0),
          local(r.checked_in_at),
          local(r.cancelled_at),
          r.cancel_reason ?? '',
        ]),
      };
    },
  };
};
