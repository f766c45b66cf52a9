import { load, render, sleep } from '../support/simulate';
import { createWx, installWx, ok, settle } from '../support/wx';
import { saveSession } from '../../../miniprogram/services/session';

// Rendering whole pages in jsdom is slow on a busy 2-core machine; the waits themselves are event-based.
jest.setTimeout(30_000);

describe('check-in QR code', () => {
  it('shows the server token and fetches a fresh one before it expires', async () => {
    let n = 0;
    const fake = installWx(
      createWx({
        handler: (req) => {
          if (req.path === '/api/booking/bookings/b1/qr') {
            n += 1;
            return ok({ token: `token-${n}`, expiresAt: new Date(Date.now() + 1200).toISOString(), window: { opensAt: '2026-12-01T13:45:00+08:00', closesAt: '2026-12-01T14:15:00+08:00' } });
          }
          return { status: 404 };
        },
      }),
    );
    saveSession({ jwt: 'jwt-1', refreshToken: 'r-1', userId: 1 });
    const comp = render(load('components/checkin-qr/checkin-qr'), { bookingId: 'b1', refreshLeadMs: 0 });
    await settle();
    expect(comp.data.token).toBe('token-1');
    expect(comp.dom.textContent).toContain('签到时间 13:45–14:15');
    expect(fake.requests[0].headers.Authorization).toBe('Bearer jwt-1');
    // The next token is fetched about 1.2 s later (when the first expires, lead 0); wait up to 5 s.
    for (let waited = 0; comp.data.token !== 'token-2' && waited < 5000; waited += 50) await sleep(50);
    expect(comp.data.token).toBe('token-2');
    comp.detach();
    await sleep(1600);
    expect(n).toBe(2); // no refresh once the page is gone
  });

  it('says why when no token can be had, and retries on request', async () => {
    let fail = true;
    installWx(
      createWx({
        handler: () =>
          fail
            ? { status: 409, body: { data: null, error: { status: 409, message: 'x', details: { code: 'INVALID_STATE' } } } }
            : ok({ token: 'fresh', expiresAt: new Date(Date.now() + 60000).toISOString() }),
      }),
    );
    saveSession({ jwt: 'jwt-1', refreshToken: 'r-1', userId: 1 });
    const comp = render(load('components/checkin-qr/checkin-qr'), { bookingId: 'b1' });
    await settle();
    expect(comp.dom.textContent).toContain('订单状态已经变化，请刷新后再试。');
    fail = false;
    comp.querySelector('.retry').dispatchEvent('tap');
    await settle();
    expect(comp.data.token).toBe('fresh');
    comp.detach();
  });
});
