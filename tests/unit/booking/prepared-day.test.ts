import { prepareDay, renderDay, type DayToPrepare } from '../../../cms/src/plugins/booking/server/src/services/prepared-day';

const day: DayToPrepare = {
  room: { id: 'r1', name: 'Hall "A"', kind: 'hall', status: 'open' },
  date: '2026-05-20',
  timezone: 'Asia/Shanghai',
  slotMinutes: 30,
  seats: [
    { id: 's1', label: 'A1', type: 'standard', enabled: true, row: 0, col: 0, taken: [
      { start: '2026-05-20T09:00:00+08:00', end: '2026-05-20T10:00:00+08:00', state: 'booked', userId: 7 },
      { start: '2026-05-20T11:00:00+08:00', end: '2026-05-20T12:00:00+08:00', state: 'held', userId: 8 },
    ] },
    { id: 's2', label: 'A2', type: 'standard', enabled: false, row: 0, col: 1, taken: [] },
    { id: 's3', label: 'A3', type: 'window', enabled: true, row: 1, col: 0, taken: [
      { start: '2026-05-20T13:00:00+08:00', end: '2026-05-20T14:00:00+08:00', state: 'booked', userId: 7 },
    ] },
  ],
};

/** What the seat map answered before it was prepared as bytes: the same fields, `mine` per range. */
function expected(viewer: number | null) {
  const seats = day.seats.map((s) => ({ ...s, taken: s.taken.map(({ userId, ...t }) => ({ ...t, mine: viewer !== null && userId === viewer })) }));
  const mine = day.seats.flatMap((s) => s.taken.filter((t) => viewer !== null && t.userId === viewer).map((t) => ({ seat: s.id, start: t.start, end: t.end, state: t.state })));
  return { data: { room: day.room, date: day.date, timezone: day.timezone, slotMinutes: day.slotMinutes, seats, mine }, meta: {} };
}

/** The answer's pieces as the member receives them. */
const received = (prepared: ReturnType<typeof prepareDay>, viewer: number | null) => Buffer.concat(renderDay(prepared, viewer)).toString();

describe('a prepared day of availability', () => {
  const prepared = prepareDay(day);

  it('gives a member with two ranges the map with those two marked mine, and lists them under "mine"', () => {
    expect(JSON.parse(received(prepared, 7))).toEqual(expected(7));
  });

  it('gives another member only their own range marked', () => {
    expect(JSON.parse(received(prepared, 8))).toEqual(expected(8));
  });

  it('gives a member with nothing that day, and an anonymous viewer, the ready-made bytes with nothing mine', () => {
    expect(renderDay(prepared, 99)).toEqual([prepared.nobody]);
    expect(renderDay(prepared, 99)[0]).toBe(prepared.nobody);
    expect(JSON.parse(received(prepared, null))).toEqual(expected(null));
  });

  it('keeps names with multi-byte characters intact around the marked flags', () => {
    const chinese = prepareDay({ ...day, room: { ...day.room, name: '自习室 一号厅' }, seats: day.seats.map((s) => ({ ...s, label: `座位${s.label}` })) });
    const answer = JSON.parse(received(chinese, 7));
    expect(answer.data.room.name).toBe('自习室 一号厅');
    expect(answer.data.seats[0].label).toBe('座位A1');
    expect(answer.data.seats[0].taken.map((t: any) => t.mine)).toEqual([true, false]);
    expect(answer.data.seats[2].taken[0].mine).toBe(true);
    expect(answer.data.mine).toHaveLength(2);
  });

  it('prepares an empty room', () => {
    const empty = prepareDay({ ...day, seats: [] });
    expect(JSON.parse(received(empty, 7))).toEqual({ data: { room: day.room, date: day.date, timezone: day.timezone, slotMinutes: 30, seats: [], mine: [] }, meta: {} });
  });
});
