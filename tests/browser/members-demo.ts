/**
 * Realistic data for the member back-office pages, made through the API and services the way members
 * and staff make it: nicknames, recharges and ledgers, bookings, tags, a ban with a pending appeal,
 * decided appeals, refund requests pending / refunding / failed / completed, coupon templates.
 */
import type { TestCms } from '../support/cms';
import { loginMember, type Member } from '../support/members';
import { createRoom } from '../support/fixtures';
import { book, iso, range } from '../support/booking';

export const NICKNAMES = ['夜读的小林', '考研的阿杰', '早起的苏苏', '备考CPA的王姐', '法考冲刺的陈同学', '雅思7分的Lily', '图书馆常驻的老周', '程序员小吴', '考公上岸中的阿敏', '研二的赵博', '设计狗小何', '医学生小孟'];

const users = 'plugin::users-permissions.user';

async function rechargeAndPay(cms: TestCms, m: Member, amount_fen: number) {
  const res = await cms.api.post('/api/payments/recharges').set(m.auth).send({ amount_fen });
  if (res.status !== 201) throw new Error(`recharge: ${res.status} ${JSON.stringify(res.body)}`);
  await cms.emulator.pay(res.body.data.outTradeNo);
}

async function withdrawal(cms: TestCms, m: Member, amount_fen: number, reason: string) {
  const res = await cms.api.post('/api/payments/refund-requests').set(m.auth).send({ kind: 'withdraw', amount_fen, reason });
  if (res.status !== 201) throw new Error(`refund request: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.data.id as string;
}

const ban = (cms: TestCms, userId: number, days: number, reason: string, staffId: number) =>
  cms.strapi.plugin('booking').service('members').ban({ userId, until: new Date(Date.now() + days * 86400_000), reason, staffId });

export async function seedMembersDemo(cms: TestCms, staffId: number) {
  const members: Member[] = [];
  for (let i = 0; i < NICKNAMES.length; i += 1) {
    const m = await loginMember(cms, `o6_demo_${i}_${Math.random().toString(36).slice(2, 10)}`);
    await cms.strapi.db.query(users).update({ where: { id: m.id }, data: { nickname: NICKNAMES[i] } });
    members.push(m);
  }
  const by = (name: string) => members[NICKNAMES.indexOf(name)];

  const tags: Record<string, any> = {};
  for (const [name, code, color] of [['夜猫子', 'night-owl', '#7b79ff'], ['考研党', 'kaoyan', '#f29d41'], ['常客', 'regular', '#5cb176'], ['VIP', 'vip', '#d02b20']]) {
    tags[code] = await cms.strapi.documents('api::tag.tag').create({ data: { name, code, color, rule: 'none' } });
  }
  const templates = [
    await cms.strapi.documents('api::coupon-template.coupon-template').create({ data: { name: '周末自习满30减5', kind: 'amount_off', amount_off_fen: 500, min_spend_fen: 3000, applies_to: 'booking', per_member_limit: 1, valid_days_after_issue: 14, active: true } }),
    await cms.strapi.documents('api::coupon-template.coupon-template').create({ data: { name: '考研冲刺2小时免费券', kind: 'free_hours', free_hours: 2, min_spend_fen: 0, applies_to: 'booking', per_member_limit: 2, valid_days_after_issue: 30, active: true } }),
  ];

  // Money: recharges through WeChat (emulator), then bookings paid from the wallet.
  const { seats } = await createRoom(cms, { name: '静音自习A区', seats: 6 });
  const amounts = [20000, 10000, 5000, 30000, 5000, 10000, 20000, 5000, 10000, 5000, 3000, 10000];
  for (let i = 0; i < members.length; i += 1) await rechargeAndPay(cms, members[i], amounts[i]);
  for (let i = 0; i < 6; i += 1) {
    const { start, end } = range(26 + i * 3, 2);
    await book(cms, members[i], { seat: seats[i].documentId, start: iso(start), end: iso(end), payWith: 'wallet' });
  }
  {
    const { start, end } = range(50, 3);
    await book(cms, by('夜读的小林'), { seat: seats[1].documentId, start: iso(start), end: iso(end), payWith: 'wallet' });
  }
  await cms.strapi.plugin('payments').service('wallet').adjust({ userId: by('夜读的小林').id, amountFen: 800, part: 'bonus', reason: '空调故障补偿', actor: { type: 'staff', id: staffId } });

  // Tags, some with an expiry.
  const members_ = cms.strapi.plugin('booking').service('members');
  await members_.addTag({ userId: by('夜读的小林').id, tag: 'night-owl', expiresAt: new Date(Date.now() + 60 * 86400_000), note: '常在22点后来' });
  await members_.addTag({ userId: by('夜读的小林').id, tag: 'regular', expiresAt: null, note: null });
  for (const n of ['考研的阿杰', '研二的赵博', '考公上岸中的阿敏', '法考冲刺的陈同学']) await members_.addTag({ userId: by(n).id, tag: 'kaoyan', expiresAt: new Date(Date.now() + 120 * 86400_000), note: null });
  await members_.addTag({ userId: by('备考CPA的王姐').id, tag: 'vip', expiresAt: null, note: '年卡会员' });

  // Bans and appeals: one open appeal, one rejected, one accepted (with history).
  await ban(cms, by('考研的阿杰').id, 7, '一周内 3 次预约未签到', staffId);
  await cms.api.post('/api/me/appeals').set(by('考研的阿杰').auth).send({ text: '那几天在医院陪护家人，没能及时取消预约，可以提供病历，请帮忙解封，谢谢！' });
  await ban(cms, by('程序员小吴').id, 3, '占座后长时间离开', staffId);
  const rejected = await cms.api.post('/api/me/appeals').set(by('程序员小吴').auth).send({ text: '我只是去吃了个饭，不到一小时就回来了。' });
  await members_.rejectAppeal({ appealId: rejected.body.data.id, staffId, reason: '监控显示座位空置超过两小时，封禁维持。' });
  await ban(cms, by('设计狗小何').id, 5, '在静音区打电话', staffId);
  await cms.api.post('/api/me/appeals').set(by('设计狗小何').auth).send({ text: '当时是紧急工作电话，已经出去接了，以后一定注意。' });
  await ban(cms, by('早起的苏苏').id, 2, '系统误判爽约', staffId);
  const accepted = await cms.api.post('/api/me/appeals').set(by('早起的苏苏').auth).send({ text: '我当天按时签到了，可能是扫码失败。' });
  await members_.acceptAppeal({ appealId: accepted.body.data.id, staffId, note: '核实签到记录，误判' });

  // Refund requests: pending, refunding (approved, WeChat not settled), failed (closed), completed.
  const refunds = cms.strapi.plugin('payments').service('refunds');
  const staff = { type: 'staff' as const, id: staffId };
  const pending = await withdrawal(cms, by('图书馆常驻的老周'), 15000, '下学期去外地实习，申请提现余额');
  await withdrawal(cms, by('雅思7分的Lily'), 5000, '考试结束了，余额用不完');
  const refunding = await withdrawal(cms, by('医学生小孟'), 8000, '搬家离开本市');
  await refunds.approve({ requestId: refunding, staff, note: '核实无误' });
  const failed = await withdrawal(cms, by('研二的赵博'), 3000, '毕业离校');
  const approvedFailed = await refunds.approve({ requestId: failed, staff });
  await cms.emulator.settleRefund(approvedFailed.refunds[0].outRefundNo, 'CLOSED');
  const done = await withdrawal(cms, by('考公上岸中的阿敏'), 4000, '已经上岸，不再需要自习室');
  const approvedDone = await refunds.approve({ requestId: done, staff });
  await cms.emulator.settleRefund(approvedDone.refunds[0].outRefundNo, 'SUCCESS');

  return { members, by, tags, templates, pendingRefund: pending, refundingRefund: refunding, failedRefund: failed };
}
