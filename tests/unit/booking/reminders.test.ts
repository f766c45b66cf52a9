import {
  buildTemplateMessage,
  characterString,
  kindOfTemplate,
  phrase,
  retryDelayMs,
  stillRelevant,
  templateIdsFrom,
  thing,
  verdictOf,
} from '../../../cms/src/plugins/booking/server/src/domain/reminders';

const TZ = 'Asia/Shanghai';

describe('subscribe-message keywords stay within WeChat\'s limits (a value over them gets 47003)', () => {
  it('a thing is at most 20 characters, counting Chinese characters as one', () => {
    expect(thing('海淀区中关村大街一号自习室三楼东侧安静区靠窗位置')).toHaveLength(20);
    expect(Array.from(thing('海淀区中关村大街一号自习室三楼东侧安静区靠窗位置')).pop()).toBe('…');
    expect(thing('  A 区  ')).toBe('A 区');
    expect(thing('')).toBe('-');
  });
  it('a character_string keeps letters, digits and punctuation, at most 32', () => {
    expect(characterString('订单 ABC-123_x'.repeat(5))).toMatch(/^[A-Za-z0-9_\-.:#@]{1,32}$/);
  });
  it('a phrase is at most 5 characters without digits or letters', () => {
    expect(phrase('退款成功啦啦啦')).toBe('退款成功啦');
    expect(phrase('OK 2')).toBe('通知');
  });
});

describe('the message of each kind', () => {
  it('booking confirmed: room, seat, start and end on the store\'s clock, opening the booking', () => {
    const m = buildTemplateMessage(
      { kind: 'booking_confirmed', data: { booking: 'abc', room: '一号自习室', seat: 'A3', start: '2026-12-01T06:00:00Z', end: '2026-12-01T08:00:00Z' } },
      TZ,
    );
    expect(m.page).toBe('subpackages/booking/detail/index?id=abc');
    expect(m.data).toEqual({
      thing1: { value: '一号自习室' },
      thing2: { value: '座位 A3' },
      time3: { value: '2026-12-01 14:00' },
      time4: { value: '2026-12-01 16:00' },
      phrase5: { value: '预约成功' },
    });
  });
  it('starting soon says in how many minutes; a long room name is cut, not refused', () => {
    const m = buildTemplateMessage(
      { kind: 'booking_starting', data: { booking: 'b', room: '很长很长很长很长很长很长很长很长的房间名字', seat: 'B1', start: new Date('2026-12-01T06:00:00Z'), minutes: 15 } },
      TZ,
    );
    expect(Array.from(m.data.thing1.value).length).toBeLessThanOrEqual(20);
    expect(m.data.thing4.value).toBe('15分钟后开始，请按时签到');
  });
  it('hold expiring shows the amount in yuan and the deadline', () => {
    const m = buildTemplateMessage({ kind: 'hold_expiring', data: { booking: 'b', room: 'R', seat: 'S', expiresAt: '2026-12-01T06:10:00Z', amountFen: 1250 } }, TZ);
    expect(m.data.time2.value).toBe('2026-12-01 14:10');
    expect(m.data.thing3.value).toContain('¥12.50');
  });
  it('refund result opens the refunds page and names the outcome', () => {
    const m = buildTemplateMessage({ kind: 'refund_result', data: { request: 'r', result: 'failed', amountFen: 300 } }, TZ);
    expect(m.page).toBe('subpackages/service/refunds/index');
    expect(m.data.phrase1.value).toBe('退款失败');
  });
  it('every kind\'s values pass the limits', () => {
    const all = [
      buildTemplateMessage({ kind: 'no_show', data: { booking: 'b', room: 'R', seat: 'S', start: '2026-12-01T06:00:00Z' } }, TZ),
      buildTemplateMessage({ kind: 'waitlist_offer', data: { booking: 'b', room: 'R', seat: 'S', start: '2026-12-01T06:00:00Z', end: '2026-12-01T07:00:00Z', expiresAt: '2026-12-01T05:10:00Z' } }, TZ),
    ];
    for (const m of all) {
      for (const [k, { value }] of Object.entries(m.data)) {
        if (k.startsWith('thing')) expect(Array.from(value).length).toBeLessThanOrEqual(20);
        if (k.startsWith('time')) expect(value).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
      }
    }
  });
});

describe('template ids are configuration', () => {
  it('come from WECHAT_TEMPLATE_* with demo defaults, and map back to their kind', () => {
    const ids = templateIdsFrom({ WECHAT_TEMPLATE_NO_SHOW: ' real-no-show-id ' });
    expect(ids.no_show).toBe('real-no-show-id');
    expect(ids.booking_confirmed).toBe('demo-tmpl-booking-confirmed');
    expect(kindOfTemplate(ids, 'real-no-show-id')).toBe('no_show');
    expect(kindOfTemplate(ids, 'nope')).toBeNull();
  });
});

describe('what WeChat\'s answers mean', () => {
  it('0 is sent; token errors refresh; busy and no answer retry; refusals end the attempt', () => {
    expect(verdictOf({ answered: true, errcode: 0 })).toBe('sent');
    for (const c of [40001, 40014, 42001]) expect(verdictOf({ answered: true, errcode: c })).toBe('token_rejected');
    for (const c of [-1, 45009]) expect(verdictOf({ answered: true, errcode: c })).toBe('retry');
    expect(verdictOf({ answered: false })).toBe('retry');
    for (const c of [43101, 47003, 40003, 40037, 41030, 43107, 45168]) expect(verdictOf({ answered: true, errcode: c })).toBe('refused');
  });
  it('retries back off exponentially up to 30 minutes', () => {
    expect([1, 2, 3].map((a) => retryDelayMs(a, 30_000))).toEqual([30_000, 60_000, 120_000]);
    expect(retryDelayMs(20, 30_000)).toBe(30 * 60_000);
  });
});

describe('a reminder about a booking that moved on is not sent', () => {
  it('"starting soon" only for a confirmed booking, "hold expiring" only for an unpaid hold; notices always', () => {
    expect(stillRelevant('booking_starting', 'confirmed')).toBe(true);
    expect(stillRelevant('booking_starting', 'cancelled')).toBe(false);
    expect(stillRelevant('hold_expiring', 'pending_payment')).toBe(true);
    expect(stillRelevant('hold_expiring', 'confirmed')).toBe(false);
    expect(stillRelevant('booking_confirmed', 'cancelled')).toBe(true);
    expect(stillRelevant('refund_result', null)).toBe(true);
  });
});
