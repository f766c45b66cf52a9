/**
 * The parameters page's server side: a change applies to GET /api/settings/public at once; rules across
 * fields refuse a save with a coded 400 and nothing written.
 */
import { useCms, loginStaff, type Staff } from '../../support';

describe('parameters page', () => {
  const cms = useCms();
  let manager: Staff;
  beforeAll(async () => {
    manager = await loginStaff(cms, 'store-manager');
  });

  const publicSettings = async () => (await cms.api.get('/api/settings/public')).body.data;
  const save = (body: object) => cms.api.put('/booking/parameters').set(manager.auth).send(body);

  it('reads every value with its limits', async () => {
    const res = await cms.api.get('/booking/parameters').set(manager.auth);
    expect(res.status).toBe(200);
    expect(res.body.data.values).toMatchObject({ slot_minutes: 30, hold_minutes: 15, no_show_grace_minutes: 15 });
    expect(res.body.data.fields.hold_minutes).toMatchObject({ type: 'integer', min: 1, max: 120, required: true });
  });

  it('a saved change is what members read at once', async () => {
    const res = await save({ hold_minutes: 20, customer_service_contact: '客服微信 sr-help', offline_payment_enabled: true });
    expect(res.status).toBe(200);
    expect(res.body.data.values).toMatchObject({ hold_minutes: 20, customer_service_contact: '客服微信 sr-help' });
    expect(await publicSettings()).toMatchObject({ holdMinutes: 20, customerServiceContact: '客服微信 sr-help', offlinePayment: { enabled: true } });
  });

  it.each([
    [{ no_show_grace_minutes: 30 }, 'GRACE_WITHIN_FIRST_SLOT', 'no_show_grace_minutes'],
    [{ checkin_open_minutes_before: 0, no_show_grace_minutes: 0 }, 'CHECKIN_OPENS_BEFORE_GRACE_ENDS', 'checkin_open_minutes_before'],
    [{ hold_minutes: 60, max_booking_minutes: 60 }, 'HOLD_BELOW_MAX_BOOKING', 'hold_minutes'],
    [{ max_booking_minutes: 100 }, 'MAX_BOOKING_IN_SLOTS', 'max_booking_minutes'],
    [{ slot_minutes: 50 }, 'SLOTS_TILE_A_DAY', 'slot_minutes'],
    [{ recharge_min_fen: 10000, recharge_max_fen: 5000 }, 'RECHARGE_RANGE', 'recharge_min_fen'],
    [{ hold_minutes: 500 }, 'RANGE', 'hold_minutes'],
    [{ store_timezone: 'Mars/Olympus' }, 'TIMEZONE', 'store_timezone'],
  ])('refuses %j with rule %s and changes nothing', async (change, rule, field) => {
    const before = await publicSettings();
    const res = await save(change);
    expect(res.status).toBe(400);
    expect(res.body.error.details.code).toBe('VALIDATION');
    expect(res.body.error.details.errors).toEqual(expect.arrayContaining([expect.objectContaining({ rule, field })]));
    expect(res.body.error.message.length).toBeGreaterThan(10);
    expect(await publicSettings()).toEqual(before);
  });

  it('refuses unknown fields and wrong types', async () => {
    expect((await save({ hold_minutes: '15' })).status).toBe(400);
    const unknown = await save({ free_coffee: true });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.details.code).toBe('VALIDATION');
  });
});
