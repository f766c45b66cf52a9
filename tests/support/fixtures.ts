import type { TestCms } from './cms';

export const ALL_WEEK_OPEN = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, opens: '00:00', closes: '24:00' }));

/** A room with `seats` seats (types cycle standard/window/power) straight through the Document Service. */
export async function createRoom(
  cms: TestCms,
  opts: { name?: string; kind?: 'hall' | 'private'; seats?: number; hours?: typeof ALL_WEEK_OPEN; status?: 'open' | 'maintenance'; prices?: Record<string, number> } = {},
) {
  const prices = opts.prices ?? { standard: 800, window: 1000, power: 1200, standing: 500, room: 3000 };
  const room = await cms.strapi.documents('api::room.room').create({
    data: {
      name: opts.name ?? `Room ${Math.random().toString(36).slice(2, 7)}`,
      kind: opts.kind ?? 'hall',
      state: opts.status ?? 'open',
      opening_hours: opts.hours ?? ALL_WEEK_OPEN,
      prices: Object.entries(prices).map(([seat_type, price_per_hour_fen]) => ({ seat_type, price_per_hour_fen })),
      layout: { rows: 2, cols: 10, cells: [{ row: 1, col: 0, kind: 'door' }] },
    },
  });
  const types = opts.kind === 'private' ? ['room'] : ['standard', 'window', 'power'];
  const seats = [];
  for (let i = 0; i < (opts.seats ?? 3); i += 1) {
    seats.push(
      await cms.strapi.documents('api::seat.seat').create({
        data: { label: `A${i + 1}`, type: types[i % types.length], row: 0, col: i, enabled: true, code: `T-${room.documentId}-${i}`, room: room.documentId },
      }),
    );
  }
  return { room, seats };
}
