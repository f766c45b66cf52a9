/** Answers to what members ask most; the store's own rules come from the public settings. */
import type { PublicSettings } from '../services/types';

export function faq(s: PublicSettings): Array<{ q: string; a: string }> {
  return [
    { q: '怎么预约座位？', a: `在「预约」选择自习室和时段，点选绿色座位，用钱包或微信支付即可。时间按 ${s.slotMinutes} 分钟一格，单次最长 ${Math.round(s.maxBookingMinutes / 60)} 小时。` },
    { q: '微信支付没完成怎么办？', a: `下单后座位为你保留 ${s.holdMinutes} 分钟，可在「我的预约」里继续支付；超时座位自动释放，不会扣款。` },
    { q: '怎么签到？', a: `开始前 ${s.checkinOpenMinutesBefore} 分钟起，在「自助」扫描座位上的二维码，或向前台出示预约的签到码。开始后 ${s.noShowGraceMinutes} 分钟仍未签到，座位会被释放并记一次爽约。` },
    { q: '取消预约收费吗？', a: `开始前 ${s.cancelFreeHours} 小时以上取消免费（会员可能更宽松）；之后取消收取实付金额 ${s.cancelFeePercent}% 的手续费，其余退回钱包。开始后不能取消。` },
    { q: '钱包余额可以退吗？', a: '充值的本金可以在「客服 → 退款申请」申请提现，赠送金额不可提现；审核通过后原路退回微信。' },
    { q: '为什么我不能预约了？', a: '多次爽约会被暂时限制预约。限制原因和解除时间可在「客服 → 封禁与申诉」查看，如有误会可以提交申诉。' },
  ];
}

/** The phone number inside the store's contact text, if any ("电话 400-000-0000"). */
export function phoneIn(text: string): string {
  const m = /(\d{3,4}[- ]?\d{3,4}[- ]?\d{3,4})/.exec(text || '');
  return m ? m[1].replace(/\s/g, '') : '';
}
