import { BookingAttempt, newIdempotencyKey } from '../../../miniprogram/services/idempotency';
import { createWx, installWx, ok } from '../support/wx';
import { saveSession } from '../../../miniprogram/services/session';
import { placeBooking } from '../../../miniprogram/services/booking-flow';

const body = { seat: 's1', start: '2026-12-01T14:00:00+08:00', end: '2026-12-01T16:00:00+08:00', payWith: 'wallet' as const };

describe('Idempotency-Key per booking attempt', () => {
  it('keys are 8–100 characters, as the server demands, and differ', () => {
    const a = newIdempotencyKey();
    expect(a.length).toBeGreaterThanOrEqual(8);
    expect(a.length).toBeLessThanOrEqual(100);
    expect(newIdempotencyKey()).not.toBe(a);
  });

  it('a retry of the same attempt keeps its key; another seat, time, coupon or payment is a new attempt', () => {
    const attempt = new BookingAttempt();
    const k1 = attempt.keyFor(body);
    expect(attempt.keyFor({ ...body })).toBe(k1);
    const k2 = attempt.keyFor({ ...body, coupon: 'c1' });
    expect(k2).not.toBe(k1);
    expect(attempt.keyFor({ ...body, coupon: 'c1', payWith: 'wechat' })).not.toBe(k2);
    const k3 = attempt.keyFor(body);
    attempt.finish();
    expect(attempt.keyFor(body)).not.toBe(k3);
  });

  it('a booking whose answer was lost is retried with the same key, and the server replays the same booking', async () => {
    const seen: string[] = [];
    let first = true;
    const fake = installWx(
      createWx({
        handler: (req) => {
          seen.push(req.headers['Idempotency-Key']);
          if (first) {
            first = false;
            return Promise.reject(new Error('timeout')); // booked on the server, answer lost
          }
          return ok({ id: 'b1', status: 'confirmed', payWith: 'wallet', room: { id: 'r', name: 'R' }, seat: { id: 's1', label: 'A1' }, start: body.start, end: body.end }, {}, 200);
        },
      }),
    );
    saveSession({ jwt: 'j', refreshToken: 'r', userId: 1 });
    const attempt = new BookingAttempt();
    const err = await placeBooking(body, attempt).catch((e) => e);
    expect(err.code).toBe('NETWORK');
    const result = await placeBooking(body, attempt);
    expect(result.outcome).toBe('confirmed');
    expect(seen).toHaveLength(2);
    expect(seen[0]).toBe(seen[1]);
    expect(fake.storage.get('studyroom.lastBooking')).toMatchObject({ seatId: 's1', durationMinutes: 120 });
  });
});
