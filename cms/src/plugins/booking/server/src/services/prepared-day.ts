/**
 * A room's day of availability, serialised once and kept as bytes: every member reading the seat map
 * gets the same bytes, with only their own ranges marked. The JSON is cut at each range's `mine` flag,
 * so a viewer's answer is the pieces joined with `true` where a range is theirs (a viewer with no
 * range in the day gets the ready-made bytes as they are). Pure: no Strapi, no I/O.
 */
export interface TakenRange {
  start: string;
  end: string;
  state: 'held' | 'booked';
  userId: number;
}

export interface DayToPrepare {
  room: { id: string; name: string; kind: string; status: string };
  date: string;
  timezone: string;
  slotMinutes: number;
  seats: { id: string; label: string; type: string; enabled: boolean; row: number; col: number; taken: TakenRange[] }[];
}

export interface PreparedDay {
  /** JSON pieces; between piece i and i+1 stands the `mine` flag of range i. */
  pieces: string[];
  /** The owner of each range, in order. */
  owners: number[];
  /** The viewer's own ranges, for the `mine` list. */
  mineOf: Map<number, { seat: string; start: string; end: string; state: 'held' | 'booked' }[]>;
  /** The whole answer for a viewer with no range in the day. */
  nobody: Buffer;
}

const TAIL_OPEN = '],"mine":';
const TAIL_CLOSE = '},"meta":{}}';

export function prepareDay(day: DayToPrepare): PreparedDay {
  const pieces: string[] = [];
  const owners: number[] = [];
  const mineOf: PreparedDay['mineOf'] = new Map();
  let current =
    `{"data":{"room":${JSON.stringify(day.room)},"date":${JSON.stringify(day.date)},"timezone":${JSON.stringify(day.timezone)},` +
    `"slotMinutes":${JSON.stringify(day.slotMinutes)},"seats":[`;
  day.seats.forEach((s, i) => {
    if (i > 0) current += ',';
    current +=
      `{"id":${JSON.stringify(s.id)},"label":${JSON.stringify(s.label)},"type":${JSON.stringify(s.type)},` +
      `"enabled":${s.enabled ? 'true' : 'false'},"row":${JSON.stringify(s.row)},"col":${JSON.stringify(s.col)},"taken":[`;
    s.taken.forEach((t, j) => {
      if (j > 0) current += ',';
      current += `{"start":${JSON.stringify(t.start)},"end":${JSON.stringify(t.end)},"state":"${t.state}","mine":`;
      pieces.push(current);
      owners.push(t.userId);
      current = '}';
      const list = mineOf.get(t.userId) ?? [];
      list.push({ seat: s.id, start: t.start, end: t.end, state: t.state });
      mineOf.set(t.userId, list);
    });
    current += ']}';
  });
  pieces.push(current + TAIL_OPEN);
  const nobody = Buffer.from(pieces.join('false') + '[]' + TAIL_CLOSE);
  return { pieces, owners, mineOf, nobody };
}

/** The answer for `viewerId` (null: anonymous). */
export function renderDay(day: PreparedDay, viewerId: number | null): Buffer {
  const mine = viewerId === null ? undefined : day.mineOf.get(viewerId);
  if (!mine) return day.nobody;
  let out = day.pieces[0];
  for (let i = 0; i < day.owners.length; i += 1) out += (day.owners[i] === viewerId ? 'true' : 'false') + day.pieces[i + 1];
  return Buffer.from(out + JSON.stringify(mine) + TAIL_CLOSE);
}
