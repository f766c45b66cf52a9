import { canEntryMove, candidatesFor, checkWaitlistJoin, competes, entryStatusesBefore, positionInLine, type LineEntry } from '../../../cms/src/plugins/booking/server/src/domain/waitlist';
import { DomainError } from '../../../cms/src/platform/errors';

const at = (hhmm: string) => new Date(`2026-12-02T${hhmm}:00+08:00`);
let nextId = 1;
const entry = (over: Partial<LineEntry> & { joined?: string } = {}): LineEntry => ({
  id: nextId++,
  user_id: nextId,
  room_id: 1,
  seat_id: null,
  start_at: at('10:00'),
  end_at: at('12:00'),
  joined_at: at(over.joined ?? '08:00'),
  ...over,
});
const codeOf = (fn: () => void) => {
  try {
    fn();
    return null;
  } catch (e) {
    return e instanceof DomainError ? e.code : String(e);
  }
};

describe('the line', () => {
  it('entries compete when they could take the same seat time: same room, overlapping, and a seat both accept', () => {
    const any = entry();
    expect(competes(any, entry({ seat_id: 7 }))).toBe(true);
    expect(competes(entry({ seat_id: 7 }), entry({ seat_id: 8 }))).toBe(false);
    expect(competes(any, entry({ room_id: 2 }))).toBe(false);
    expect(competes(any, entry({ start_at: at('12:00'), end_at: at('13:00') }))).toBe(false); // touching is not overlapping
  });

  it('my position counts the competing entries of others that joined before me', () => {
    const first = entry({ joined: '08:00' });
    const otherSeat = entry({ joined: '08:10', seat_id: 8 });
    const sameTime = entry({ joined: '08:20', seat_id: 7 });
    const me = entry({ joined: '08:30', seat_id: 7 });
    const later = entry({ joined: '09:00' });
    const line = [first, otherSeat, sameTime, me, later];
    expect(positionInLine(first, line)).toBe(1);
    expect(positionInLine(me, line)).toBe(3); // behind `first` (any seat) and `sameTime` (seat 7), not `otherSeat`
    expect(positionInLine(later, line)).toBe(5);
  });

  it('a freed seat-range is offered to fitting entries first in line first, never to one already started', () => {
    const now = at('09:00');
    const started = entry({ joined: '07:00', start_at: at('08:30'), end_at: at('10:30') });
    const laterJoin = entry({ joined: '08:40' });
    const early = entry({ joined: '08:05', seat_id: 3 });
    const wrongSeat = entry({ joined: '08:00', seat_id: 4 });
    const otherTime = entry({ joined: '08:00', start_at: at('14:00'), end_at: at('15:00') });
    const got = candidatesFor({ roomId: 1, seatId: 3, start: at('10:00'), end: at('12:00') }, [laterJoin, started, wrongSeat, early, otherTime], now);
    expect(got.map((e) => e.id)).toEqual([early.id, laterJoin.id]);
  });
});

describe('joining', () => {
  const base = { userId: 5, roomId: 1, seatId: null as number | null, start: at('10:00'), end: at('12:00'), mine: [] as LineEntry[], maxEntries: 2, alreadyBooked: false };
  it('refuses a duplicate, time I already booked, and more lines than the limit', () => {
    expect(codeOf(() => checkWaitlistJoin(base))).toBeNull();
    expect(codeOf(() => checkWaitlistJoin({ ...base, mine: [entry({ user_id: 5, start_at: at('11:00'), end_at: at('13:00') })] }))).toBe('WAITLIST_DUPLICATE');
    // The same time for one specific seat is another line.
    expect(codeOf(() => checkWaitlistJoin({ ...base, seatId: 3, mine: [entry({ user_id: 5 })] }))).toBeNull();
    expect(codeOf(() => checkWaitlistJoin({ ...base, alreadyBooked: true }))).toBe('WAITLIST_ALREADY_BOOKED');
    const two = [entry({ user_id: 5, room_id: 2 }), entry({ user_id: 5, room_id: 3 })];
    expect(codeOf(() => checkWaitlistJoin({ ...base, mine: two }))).toBe('QUOTA_EXCEEDED');
  });
});

describe('the entries\' status machine', () => {
  it('staff remove only a waiting entry; removed, left, lapsed and accepted are final', () => {
    expect(entryStatusesBefore('removed')).toEqual(['waiting']);
    expect(canEntryMove('offered', 'removed')).toBe(false);
    for (const done of ['accepted', 'lapsed', 'left', 'removed'] as const) expect(canEntryMove(done, 'waiting')).toBe(false);
  });

  it('a member leaves while waiting or offered; an offer ends paid or lapsed', () => {
    expect(entryStatusesBefore('left')).toEqual(['waiting', 'offered']);
    expect(entryStatusesBefore('lapsed')).toEqual(['offered']);
    expect(entryStatusesBefore('accepted', ['offered'])).toEqual(['offered']);
  });

  it('asking for a change the table forbids is a programming error, not a silent no-op', () => {
    expect(() => entryStatusesBefore('offered', ['lapsed'])).toThrow(/lapsed -> offered/);
  });
});
