import { DateTime } from 'luxon';
import { csvStream, exportFilename, keysetRows, type CsvExport } from '../../../../../platform/csv-export';
import { exportsRepository } from '../repositories/exports';
import { getAppService } from '../../../../../api/accessor';

export interface ExportRange {
  /** Local dates, inclusive, in the store's time zone. */
  fromDate: string;
  toDate: string;
}

/** The ledger, refund requests and members as CSV (UTF-8 with BOM), streamed page by page. */
export default ({ strapi }: { strapi: any }) => {
  const repo = exportsRepository(strapi);

  async function window(range: ExportRange) {
    const tz: string = (await getAppService(strapi, 'parameter').current()).store_timezone;
    const from = DateTime.fromISO(range.fromDate, { zone: tz }).startOf('day');
    const to = DateTime.fromISO(range.toDate, { zone: tz }).startOf('day').plus({ days: 1 });
    const local = (d: Date | null) => (d ? DateTime.fromJSDate(d, { zone: tz }).toISO({ suppressMilliseconds: true }) : '');
    return { tz, range: { from: from.toJSDate(), to: to.toJSDate() }, local };
  }

  return {
    async ledger(input: ExportRange): Promise<CsvExport> {
      const { range, local } = await window(input);
      const header = ['流水号 id', '时间 time', '会员 member_id', '类型 type', '金额(分) amount_fen', '其中赠送(分) bonus_fen', '余额(分) balance_after_fen', '关联 ref_kind', '关联编号 ref_id', '操作人 actor', '备注 note'];
      const rows = keysetRows((after, limit) => repo.ledgerPage(range, after, limit));
      return {
        filename: exportFilename('ledger', input.fromDate, input.toDate),
        stream: csvStream(header, rows, (r: any) => [r.id, local(r.occurred_at), r.user_id, r.type, r.amount_fen, r.bonus_amount_fen, r.balance_after_fen, r.ref_kind, r.ref_id, r.actor_id ? `${r.actor_type}:${r.actor_id}` : r.actor_type, r.note ?? '']),
      };
    },

    async refundRequests(input: ExportRange): Promise<CsvExport> {
      const { range, local } = await window(input);
      const header = ['申请编号 id', '提交时间 created_at', '会员 member_id', '类型 kind', '状态 status', '申请金额(分) amount_fen', '批准金额(分) approved_fen', '已退(分) refunded_fen', '关联预约 booking', '原因 reason', '处理意见 decision_note', '处理时间 decided_at'];
      const rows = keysetRows((after, limit) => repo.refundRequestPage(range, after, limit));
      return {
        filename: exportFilename('refund-requests', input.fromDate, input.toDate),
        stream: csvStream(header, rows, (r: any) => [r.document_id, local(r.created_at), r.user_id, r.kind, r.status, r.amount_fen ?? '', r.approved_fen, r.refunded_fen, r.booking_ref ?? '', r.reason, r.decision_note ?? '', local(r.decided_at)]),
      };
    },

    async members(input: ExportRange): Promise<CsvExport> {
      const { range, local } = await window(input);
      const header = ['会员编号 member_id', '昵称 nickname', 'openid', '注册时间 joined_at', '余额(分) balance_fen', '其中赠送(分) bonus_fen', '累计充值(分) recharged_total_fen', '封禁至 banned_until'];
      const rows = keysetRows((after, limit) => repo.memberPage(range, after, limit));
      return {
        filename: exportFilename('members', input.fromDate, input.toDate),
        stream: csvStream(header, rows, (r: any) => [r.id, r.nickname ?? '', r.openid ?? '', local(r.created_at), Number(r.balance_fen ?? 0), Number(r.bonus_fen ?? 0), Number(r.recharged_total_fen ?? 0), local(r.ban_until)]),
      };
    },
  };
};
