/**
 * Realistic data for the coupon and tag pages: members with nicknames and recharges, tags (one by hand,
 * two with rules), coupon templates of each kind, coupons issued over the last two weeks and used on
 * bookings and recharges – made through the services members and staff use. Only the issue and use
 * dates are spread back over past days afterwards, so the redemption chart has a history to draw.
 */
import type { TestCms } from '../support/cms';
import { book, iso, range } from '../support/booking';
import { createRoom } from '../support/fixtures';
import { loginMember, type Member } from '../support/members';

export const COUPON_NICKNAMES = ['夜读的小林', '考研的阿杰', '早起的苏苏', '备考CPA的王姐', '法考冲刺的陈同学', '雅思7分的Lily', '图书馆常驻的老周', '程序员小吴', '考公上岸中的阿敏', '研二的赵博'];
const DAY = 86_400_000;

export async function seedCouponsDemo(cms: TestCms) {
  const members: Member[] = [];
  for (let i = 0; i < COUPON_NICKNAMES.length; i += 1) {
    const m = await loginMember(cms, `o6_cpn_${i}_${Math.random().toString(36).slice(2, 10)}`);
    await cms.strapi.db.query('plugin::users-permissions.user').update({ where: { id: m.id }, data: { nickname: COUPON_NICKNAMES[i] } });
    members.push(m);
  }
  const { room, seats } = await createRoom(cms, { name: '静音自习A区', seats: 8 });
  await createRoom(cms, { name: '二楼小包间', kind: 'private', seats: 2 });

  const tag = (data: Record<string, unknown>) => cms.strapi.documents('api::tag.tag').create({ data: data as any });
  const kaoyan: any = await tag({ name: '考研党', code: 'kaoyan', color: '#f29d41', rule: 'none', description: '备考研究生的长期会员' });
  const bigSpender: any = await tag({ name: '高消费会员', code: 'big-spender', color: '#d02b20', rule: 'spend_above', rule_threshold: 3000, rule_days: 30, default_valid_days: 30, rule_removes: true, description: '近 30 天消费满 30 元' });
  await tag({ name: '常爽约', code: 'no-show', color: '#8e8ea9', rule: 'no_shows', rule_threshold: 2, rule_days: 30, default_valid_days: 14, description: '提醒前台关注' });
  await tag({ name: '夜猫子', code: 'night-owl', color: '#7b79ff', rule: 'none' });
  for (const m of members.slice(0, 5)) {
    await cms.strapi.db.query('api::member-tag.member-tag').create({ data: { user: m.id, tag: kaoyan.id, source: 'staff' } });
  }

  const template = (data: Record<string, unknown>) =>
    cms.strapi.documents('api::coupon-template.coupon-template').create({ data: { min_spend_fen: 0, per_member_limit: 1, active: true, ...data } as any });
  const weekend: any = await template({ name: '周末自习满30减5', kind: 'amount_off', amount_off_fen: 500, min_spend_fen: 3000, applies_to: 'any', valid_days_after_issue: 30, description: '周末来自习，满 30 元立减 5 元' });
  await template({ name: '新人首单8折', kind: 'percent_off', percent_off: 20, max_discount_fen: 1000, applies_to: 'booking', valid_days_after_issue: 7, issue_on_signup: true });
  await template({ name: '考研冲刺2小时免费券', kind: 'free_hours', free_hours: 2, applies_to: 'booking', per_member_limit: 2, valid_days_after_issue: 30, rooms: [room.documentId] });
  await template({ name: '充值满200送20', kind: 'amount_off', amount_off_fen: 2000, min_spend_fen: 20000, applies_to: 'recharge', valid_days_after_issue: 60, issue_on_recharge_min_fen: 20000 });
  await template({ name: '国庆活动券（已结束）', kind: 'amount_off', amount_off_fen: 800, applies_to: 'booking', valid_days_after_issue: 10, active: false });

  // Money in the wallets, then the weekend coupon to everyone; six use it (four bookings, two recharges).
  const coupons = cms.strapi.plugin('payments').service('coupons');
  await coupons.issueToMembers({ template: weekend.documentId, userIds: members.map((m) => m.id), source: 'staff' });
  for (const m of members.slice(0, 4)) {
    await cms.strapi.plugin('payments').service('wallet').credit({ userId: m.id, principalFen: 10_000, bonusFen: 0, type: 'staff_adjustment', ref: { kind: 'demo', id: `fund-${m.id}` }, actor: { type: 'staff', id: null }, note: 'demo' });
  }
  for (let i = 0; i < 4; i += 1) {
    const [c] = (await cms.api.get('/api/payments/coupons?usable=true').set(members[i].auth)).body.data;
    const { start, end } = range(24 + i * 4, 4); // 4 hours, 3200–4800 before the coupon
    await book(cms, members[i], { seat: seats[i].documentId, start: iso(start), end: iso(end), coupon: c.id, payWith: 'wallet' });
  }
  for (const i of [4, 5]) {
    const [c] = (await cms.api.get('/api/payments/coupons?usable=true').set(members[i].auth)).body.data;
    const res = await cms.api.post('/api/payments/recharges').set(members[i].auth).send({ amount_fen: 10_000, coupon: c.id });
    await cms.emulator.pay(res.body.data.outTradeNo);
  }

  // Spread the history: issued 14 days ago, used on days 12, 10, 9, 6, 3 and 1 before today.
  const table = cms.strapi.db.metadata.get('plugin::payments.coupon').tableName;
  const now = Date.now();
  await cms.strapi.db.connection(table).where({ template_id: weekend.id }).update({ created_at: new Date(now - 14 * DAY) });
  const used = await cms.strapi.db.connection(table).where({ template_id: weekend.id, status: 'used' }).orderBy('id', 'asc');
  const ago = [12, 10, 9, 6, 3, 1];
  for (let i = 0; i < used.length; i += 1) await cms.strapi.db.connection(table).where({ id: used[i].id }).update({ used_at: new Date(now - ago[i] * DAY) });

  return { members, kaoyan, bigSpender, weekend, seats };
}
