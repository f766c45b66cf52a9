import fs from 'fs';
import path from 'path';
import { DateTime } from 'luxon';
import { clock } from '../platform/clock';
import { inTransaction } from '../platform/transaction';
import { ordersRepository } from '../plugins/payments/server/src/repositories/orders';
import { rechargesRepository } from '../plugins/payments/server/src/repositories/recharges';
import { demoSeedRepository } from '../repositories/demo-seed';
import { rolesRepository } from '../repositories/roles';
import { getAppService } from '../api/accessor';
import { getBookingService, type BookingServices } from '../plugins/booking/server/src/services/accessor';
import { getPaymentsService, type PaymentsServices } from '../plugins/payments/server/src/services/accessor';
import { membersRepository } from '../plugins/booking/server/src/repositories/members';

/**
 * A living store for the demo (first start only, after seeds/demo.json): ~40 members with nicknames,
 * avatars and tags, WeChat recharges, a past week and today of bookings in every state, a pending
 * withdrawal and dispute, a banned member with an appeal, and offline payments waiting for the desk.
 *
 * Everything goes through the real services with the product clock moved to when it "happened", so
 * the figures agree with each other: every wallet equals its ledger, every no-show has its violation,
 * every check-in its history row. The random choices come from a fixed seed, so every fresh demo
 * looks the same.
 */
const NICKNAMES = [
  '林小满', '陈一诺', '考研的阿杰', '周末不睡懒觉', '王同学', '李思远', '张小北', '刷题机器', '赵晴', '孙悦',
  '不想背单词', '吴桐', '郑好', '早起的鸟', '冯子墨', '图书馆常客', '何夕', '许诺', '宋雨', '唐糖',
  '法考冲冲冲', '韩梅梅', '夜猫子小周', '杨柳', '朱一龙粉', '秦川', '考公上岸', '江小白', '沈默', '苏苏',
  '一杯美式', '顾北', '陆离', '程橙', '叶子', '白露', '夏天的风', '柯南', '南风知意', '小鹿乱撞',
];
const AVATAR_COLORS = ['#4945ff', '#0c75af', '#328048', '#d9822f', '#ac73e6', '#ee5e52', '#666687', '#1d9bb2'];

/**
 * A small avatar drawn as an SVG data URI (no network needed on a fresh machine), kept under the 255
 * characters a string column holds on MySQL: single quotes, only "#" escaped, the character itself raw.
 */
function avatarFor(name: string, i: number) {
  const ch = [...name][0];
  const fill = AVATAR_COLORS[i % AVATAR_COLORS.length].replace('#', '%23');
  return `data:image/svg+xml;utf8,<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 64 64'><circle cx='32' cy='32' r='32' fill='${fill}'/><text x='32' y='42' font-size='28' text-anchor='middle' fill='white'>${ch}</text></svg>`;
}

/** Deterministic pseudo-random numbers (mulberry32), so the demo is the same on every machine. */
function random(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface SeatInfo {
  id: number;
  documentId: string;
  label: string;
  roomId: number;
  roomDocumentId: string;
  kind: string;
}

interface Plan {
  userId: number;
  seat: SeatInfo;
  start: DateTime;
  end: DateTime;
  fate: 'visit' | 'offline_visit' | 'no_show' | 'cancel_free' | 'cancel_fee' | 'offline_expired' | 'future';
}

export const DEMO_STAFF = [
  { role: 'store-manager', email: 'manager@studyroom.local', firstname: '店长', lastname: '王' },
  { role: 'front-desk', email: 'desk@studyroom.local', firstname: '前台', lastname: '李' },
  { role: 'content-editor', email: 'editor@studyroom.local', firstname: '编辑', lastname: '周' },
];
export const DEMO_STAFF_PASSWORD = process.env.DEMO_STAFF_PASSWORD || 'Studyroom2026!';

/** One demo admin account per staff role, in Chinese by default; never touches existing accounts. */
export async function ensureDemoStaff(strapi: any): Promise<string[]> {
  const created: string[] = [];
  for (const s of DEMO_STAFF) {
    if (await demoSeedRepository(strapi).adminUserByEmail(s.email)) continue;
    const role = await rolesRepository(strapi).adminRoleByCode(s.role);
    if (!role) continue;
    await strapi.service('admin::user').create({ email: s.email, firstname: s.firstname, lastname: s.lastname, password: DEMO_STAFF_PASSWORD, isActive: true, roles: [role.id], preferedLanguage: 'zh-Hans' });
    created.push(s.email);
  }
  return created;
}

export async function loadDemoActivity(strapi: any, seedsDir: string, opts: { members?: number; days?: number } = {}) {
  const started = Date.now();
  const rnd = random(20261201);
  const pick = <T>(xs: T[]) => xs[Math.floor(rnd() * xs.length)];
  const booking = <K extends keyof BookingServices>(name: K) => getBookingService(strapi, name);
  const payments = <K extends keyof PaymentsServices>(name: K) => getPaymentsService(strapi, name);
  const demo = demoSeedRepository(strapi);
  const params = await getAppService(strapi, 'parameter').current();
  const tz: string = params.store_timezone;
  const realNow = DateTime.fromJSDate(clock.now(), { zone: tz });
  const staff = (await demo.adminUserByEmail(DEMO_STAFF[1].email)) ?? (await demo.firstAdminUser());
  const staffId: number = staff?.id ?? 1;
  const at = (t: DateTime) => clock.set(t.toJSDate());

  try {
    // Members, each with a first recharge a week and a bit ago.
    const count = Math.min(opts.members ?? 40, NICKNAMES.length);
    const members: number[] = [];
    for (let i = 0; i < count; i += 1) {
      const u = await demo.createMember({
        username: `demo_${i + 1}`,
        email: `demo${i + 1}@members.invalid`,
        openid: `o_demo_${String(i + 1).padStart(3, '0')}`,
        nickname: NICKNAMES[i],
        avatar: avatarFor(NICKNAMES[i], i),
      });
      members.push(u.id);
    }

    const packages = await demo.rechargePackages();
    const days = opts.days ?? 7;
    const firstDay = realNow.startOf('day').minus({ days });
    let rechargeNo = 0;
    async function recharge(userId: number, when: DateTime) {
      const pkg = pick(packages) as any;
      rechargeNo += 1;
      const outTradeNo = `RCDEMO${when.toFormat('yyyyMMdd')}${String(rechargeNo).padStart(5, '0')}`;
      at(when);
      // The WeChat order and its payment as the notification handler would have recorded them.
      await inTransaction(strapi, async () => {
        await rechargesRepository(strapi).insert({ userId, outTradeNo, packageId: pkg.id, couponId: null, payFen: pkg.amount_fen, packageBonusFen: pkg.bonus_fen ?? 0, couponBonusFen: 0 });
        await ordersRepository(strapi).insert({ outTradeNo, userId, purpose: 'recharge', refId: outTradeNo, amountFen: pkg.amount_fen, description: `自习室钱包充值 ${pkg.name}`, expiresAt: when.plus({ minutes: 30 }).toJSDate() });
        await ordersRepository(strapi).markPaid(outTradeNo, { paidAt: when.toJSDate(), transactionId: `4200DEMO${rechargeNo}` });
        await payments('recharges').credit({ outTradeNo, refId: outTradeNo, userId, amountFen: pkg.amount_fen, paidAt: when.toJSDate() });
      });
    }
    for (const [i, userId] of members.entries()) await recharge(userId, firstDay.minus({ days: 1 }).set({ hour: 9 + (i % 10), minute: (i * 7) % 60 }));

    // Tags with expiry for a few members.
    const memberRecords = membersRepository(strapi);
    const tags = await memberRecords.tags();
    for (const [i, userId] of members.slice(0, 12).entries()) {
      const tag = tags[i % tags.length];
      if (!tag || tag.rule) continue;
      await memberRecords.putTag(userId, tag.id, realNow.plus({ days: 30 + i }).toJSDate(), '前台标记');
    }

    const seatRows = await demo.enabledSeats();
    const seats: SeatInfo[] = seatRows.filter((s: any) => s.room).map((s: any) => ({ id: s.id, documentId: s.documentId, label: s.label, roomId: s.room.id, roomDocumentId: s.room.documentId, kind: s.room.kind }));
    const taken = new Map<string, [number, number][]>();
    const free = (seat: SeatInfo, s: DateTime, e: DateTime) => !(taken.get(`${seat.id}`) ?? []).some(([a, b]) => s.toMillis() < b && a < e.toMillis());
    const busy = new Map<string, number>();

    /** Bookings of one day: a morning rush, an afternoon block and some evenings. */
    function planDay(day: DateTime, n: number, fates: () => Plan['fate']): Plan[] {
      const plans: Plan[] = [];
      for (let k = 0; k < n * 3 && plans.length < n; k += 1) {
        const startHour = pick([8, 8.5, 9, 9, 9.5, 10, 13, 13.5, 14, 14, 15, 18, 19, 19.5]);
        const hours = pick([2, 2, 3, 3, 4, 1.5]);
        const start = day.set({ hour: Math.floor(startHour), minute: (startHour % 1) * 60 });
        const end = start.plus({ minutes: hours * 60 });
        if (end.hour > 22 || end.day !== start.day) continue;
        const seat = rnd() < 0.05 ? seats.find((s) => s.kind === 'private') ?? pick(seats) : pick(seats.filter((s) => s.kind !== 'private'));
        const userId = pick(members);
        const dayKey = `${userId}:${day.toISODate()}`;
        if ((busy.get(dayKey) ?? 0) >= 1 || !free(seat, start, end)) continue;
        busy.set(dayKey, 1);
        taken.set(`${seat.id}`, [...(taken.get(`${seat.id}`) ?? []), [start.toMillis(), end.toMillis()]]);
        plans.push({ userId, seat, start, end, fate: fates() });
      }
      return plans;
    }
    const pastFate = (): Plan['fate'] => {
      const r = rnd();
      return r < 0.62 ? 'visit' : r < 0.68 ? 'offline_visit' : r < 0.78 ? 'no_show' : r < 0.86 ? 'cancel_free' : r < 0.93 ? 'cancel_fee' : 'offline_expired';
    };

    async function book(p: Plan, payWith: 'wallet' | 'offline') {
      try {
        const { booking: b } = await booking('bookings').create({ userId: p.userId, seat: p.seat.documentId, start: p.start.toJSDate(), end: p.end.toJSDate(), payWith });
        return b as { id: string };
      } catch (e: any) {
        // A rule the plan did not foresee (quota, a member's open-booking limit): skip that booking.
        strapi.log.debug(`[seed] skipped a demo booking: ${e?.message}`);
        return null;
      }
    }

    /** Lives one day: book in the morning, then cancellations and check-ins at their times, then the jobs. */
    async function liveDay(day: DateTime, plans: Plan[], until: DateTime) {
      at(day.set({ hour: 7 }));
      const made: { p: Plan; id: string }[] = [];
      for (const p of plans) {
        const b = await book(p, p.fate === 'offline_expired' || p.fate === 'offline_visit' ? 'offline' : 'wallet');
        if (b) made.push({ p, id: b.id });
      }
      const events: { when: DateTime; run: () => Promise<unknown> }[] = [];
      for (const { p, id } of made) {
        if (p.fate === 'offline_visit') {
          // Paid in cash at the desk a few minutes after booking, then used as booked.
          events.push({ when: day.set({ hour: 7, minute: 10 }), run: () => booking('offline-payments').confirm(id, staffId, '前台现金') });
          events.push({ when: p.start.plus({ minutes: 3 }), run: () => booking('check-in').checkInByStaff(id, staffId) });
        }
        if (p.fate === 'visit') events.push({ when: p.start.plus({ minutes: Math.floor(rnd() * 10) }), run: () => booking('check-in').checkInByStaff(id, staffId) });
        if (p.fate === 'cancel_free' || p.fate === 'cancel_fee') {
          const when = p.fate === 'cancel_fee' ? p.start.minus({ minutes: 40 }) : p.start.minus({ hours: 3 });
          events.push({ when: when < day.set({ hour: 7, minute: 5 }) ? day.set({ hour: 7, minute: 5 }) : when, run: () => booking('cancellation').cancel({ documentId: id, userId: p.userId, actor: { type: 'member', id: p.userId }, reason: pick(['临时有事', '课程调整', '身体不舒服', '改约其他时间']) }) });
        }
      }
      events.sort((a, b) => a.when.toMillis() - b.when.toMillis());
      for (const e of events) {
        if (e.when > until) break;
        at(e.when);
        await e.run().catch((err: any) => strapi.log.debug(`[seed] demo step skipped: ${err?.message}`));
      }
      at(until);
      await booking('cleanup').releaseExpiredHolds();
      await booking('cleanup').markNoShows();
      await booking('cleanup').completeFinishedBookings();
    }

    for (let d = 0; d < days; d += 1) {
      const day = firstDay.plus({ days: d });
      if (d === 3) for (const userId of members.slice(0, 8)) await recharge(userId, day.set({ hour: 12 }));
      await liveDay(day, planDay(day, 18 + Math.floor(rnd() * 10), pastFate), day.set({ hour: 23, minute: 59 }));
    }

    // Today, up to now: the same life, then what is still to come.
    const today = realNow.startOf('day');
    const todayPlans = planDay(today, 26, () => 'visit').map((p) => ({ ...p, fate: (p.start > realNow ? 'future' : rnd() < 0.12 ? 'no_show' : 'visit') as Plan['fate'] }));
    if (realNow.hour >= 7) await liveDay(today, todayPlans.filter((p) => p.fate !== 'future'), realNow);
    clock.reset();
    const upcoming = [];
    for (const p of todayPlans.filter((x) => x.fate === 'future')) {
      const b = await book(p, 'wallet');
      if (b) upcoming.push({ p, id: b.id });
    }
    // Two members change their plans this morning.
    for (const { p, id } of upcoming.slice(0, 2)) {
      await booking('cancellation').cancel({ documentId: id, userId: p.userId, actor: { type: 'member', id: p.userId }, reason: '临时有事' }).catch(() => undefined);
    }
    for (let i = 0; i < 2; i += 1) await recharge(members[30 + i], realNow.minus({ minutes: 20 + i * 15 }) < today ? realNow : realNow.minus({ minutes: 20 + i * 15 }));
    clock.reset();

    // Offline payments waiting for the desk (later today, or the next morning at 9:00 when the store is
    // closing or not open yet: before dawn, "in an hour" would be outside the opening hours), one with a
    // transfer screenshot.
    const nextMorning = (realNow.hour < 8 ? realNow : realNow.plus({ days: 1 })).startOf('day').set({ hour: 9 });
    const later = realNow.hour >= 8 && realNow.hour < 19 ? realNow.plus({ hours: 1 }).startOf('hour') : nextMorning;
    const offline: string[] = [];
    for (const [i, userId] of members.slice(33, 36).entries()) {
      const start = later.plus({ minutes: 30 * i });
      const end = start.plus({ hours: 2 });
      const seat = seats.filter((s) => s.kind !== 'private').find((s) => free(s, start, end));
      if (!seat) continue;
      taken.set(`${seat.id}`, [...(taken.get(`${seat.id}`) ?? []), [start.toMillis(), end.toMillis()]]);
      const b = await book({ userId, seat, start, end, fate: 'future' }, 'offline');
      if (b) offline.push(b.id);
    }
    const proof = path.join(seedsDir, 'offline-proof.png');
    if (offline[0] && fs.existsSync(proof)) {
      const tmp = path.join(strapi.dirs.app.root, '.tmp', `offline-proof-${Date.now()}.png`);
      fs.mkdirSync(path.dirname(tmp), { recursive: true });
      fs.copyFileSync(proof, tmp);
      await booking('offline-payments')
        .attachProof(members[33], offline[0], { filepath: tmp, originalFilename: 'transfer.png', mimetype: 'image/png', size: fs.statSync(tmp).size })
        .catch((e: any) => strapi.log.warn(`[seed] demo proof not attached: ${e?.message}`))
        .finally(() => fs.rmSync(tmp, { force: true }));
    }

    // A waiting list on the private room tomorrow: three members in line for a taken afternoon, one offered
    // the evening a holder gave up (a hold to pay, for waitlist_offer_minutes), one whose offer lapsed.
    const privateSeat = seats.find((s) => s.kind === 'private');
    if (privateSeat) {
      const tomorrow = realNow.plus({ days: 1 }).startOf('day');
      const holdRoom = async (candidates: number[], start: DateTime, end: DateTime) => {
        for (const userId of candidates) {
          const b = await book({ userId, seat: privateSeat, start, end, fate: 'future' }, 'wallet');
          if (b) return { userId, id: b.id };
        }
        return null;
      };
      const joinLine = (userId: number, start: DateTime, end: DateTime) =>
        booking('waitlist').join({ userId, room: privateSeat.roomDocumentId, start: start.toJSDate(), end: end.toJSDate() }).catch((e: any) => strapi.log.warn(`[seed] demo waiting-list entry: ${e?.message}`));
      const giveUp = (h: { userId: number; id: string }) =>
        booking('cancellation').cancel({ documentId: h.id, userId: h.userId, actor: { type: 'member', id: h.userId }, reason: '临时有事' }).catch((e: any) => strapi.log.warn(`[seed] demo cancellation: ${e?.message}`));
      const afternoon = [tomorrow.set({ hour: 14 }), tomorrow.set({ hour: 17 })] as const;
      if (await holdRoom(members.slice(0, 10), ...afternoon)) for (const userId of members.slice(20, 23)) await joinLine(userId, ...afternoon);
      const evening = [tomorrow.set({ hour: 19 }), tomorrow.set({ hour: 21 })] as const;
      const eveningHolder = await holdRoom(members.slice(10, 20), ...evening);
      if (eveningHolder) {
        await joinLine(members[23], ...evening);
        await giveUp(eveningHolder);
      }
      // Offered an hour ago for tomorrow morning, never paid: the hold job lapses it.
      at(realNow.minus({ hours: 1 }));
      const morning = [tomorrow.set({ hour: 9 }), tomorrow.set({ hour: 11 })] as const;
      const morningHolder = await holdRoom(members.slice(0, 10).reverse(), ...morning);
      if (morningHolder) {
        await joinLine(members[24], ...morning);
        await giveUp(morningHolder);
      }
      clock.reset();
      await booking('cleanup').releaseExpiredHolds();
      await booking('waitlist').offerWaitingSeats();
    }

    // A withdrawal and a dispute for the refund queue.
    await payments('refunds').file({ userId: members[5], kind: 'withdraw', amountFen: 3000, reason: '要回老家了，余额提现' }).catch((e: any) => strapi.log.warn(`[seed] demo withdrawal: ${e?.message}`));
    const disputed = await demo.latestCompletedWalletBooking();
    if (disputed) {
      await payments('refunds')
        .file({ userId: disputed.user_id, kind: 'dispute', booking: disputed.document_id, reason: '空调坏了，两个小时都很热，申请部分退款' })
        .catch((e: any) => strapi.log.warn(`[seed] demo dispute: ${e?.message}`));
    }

    // A banned member who appeals.
    const banned = members[12];
    await memberRecords.setBan(banned, realNow.plus({ days: 5 }).toJSDate(), '30 天内 3 次爽约');
    await getAppService(strapi, 'member').fileAppeal(banned, '那几天在医院陪家人，没来得及取消，已附病历，请求解除限制。').catch((e: any) => strapi.log.warn(`[seed] demo appeal: ${e?.message}`));

    const total = await demo.bookingCount();
    strapi.log.info(`[seed] demo activity: ${members.length} members, ${total} bookings over ${days} days and today, in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  } finally {
    clock.reset();
  }
}
