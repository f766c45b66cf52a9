import { createWx, installWx, ok, settle } from '../support/wx';
import { saveSession } from '../../../miniprogram/services/session';
import { askForReminders, prepareReminders, resetReminders } from '../../../miniprogram/services/reminders';
import { acceptedIds, remindersFor, templateIdsFor } from '../../../miniprogram/utils/subscriptions';

const TEMPLATES = [
  { kind: 'booking_confirmed', templateId: 't-confirmed', remaining: 0 },
  { kind: 'booking_starting', templateId: 't-starting', remaining: 0 },
  { kind: 'hold_expiring', templateId: 't-hold', remaining: 0 },
  { kind: 'no_show', templateId: 't-noshow', remaining: 0 },
  { kind: 'refund_result', templateId: 't-refund', remaining: 0 },
  { kind: 'waitlist_offer', templateId: 't-offer', remaining: 0 },
] as const;

describe('which reminders to ask for', () => {
  it('a wallet booking asks for confirmed, starting soon and no-show; a hold asks for its expiry warning', () => {
    expect(templateIdsFor(remindersFor('wallet'), [...TEMPLATES])).toEqual(['t-confirmed', 't-starting', 't-noshow']);
    expect(templateIdsFor(remindersFor('wechat'), [...TEMPLATES])).toEqual(['t-confirmed', 't-hold', 't-starting']);
  });
  it('never more than 3 templates, and only kinds the server lists', () => {
    expect(templateIdsFor(['booking_confirmed', 'booking_starting', 'hold_expiring', 'no_show'], [...TEMPLATES])).toHaveLength(3);
    expect(templateIdsFor(['booking_confirmed', 'no_show'], [TEMPLATES[3]])).toEqual(['t-noshow']);
  });
  it('only "accept" answers count', () => {
    expect(acceptedIds({ errMsg: 'ok', a: 'accept', b: 'reject', c: 'ban' }, ['a', 'b', 'c'])).toEqual(['a']);
  });
});

describe('asking from the booking tap', () => {
  const serve = (posted: string[][]) =>
    createWx({
      handler: (req) => {
        if (req.path === '/api/me/subscriptions' && req.method === 'GET') return ok([...TEMPLATES]);
        if (req.path === '/api/me/subscriptions' && req.method === 'POST') {
          posted.push(req.body.accepted);
          return ok(TEMPLATES.map((t) => ({ ...t, remaining: req.body.accepted.includes(t.templateId) ? 1 : 0 })));
        }
        return { status: 404, body: { data: null, error: { status: 404, message: 'no', details: { code: 'NOT_FOUND' } } } };
      },
    });
  beforeEach(() => resetReminders());

  it('asks with the prepared template ids and posts what the member accepted', async () => {
    const posted: string[][] = [];
    const fake = installWx(serve(posted));
    saveSession({ jwt: 'j', refreshToken: 'r', userId: 1 });
    await prepareReminders();
    fake.subscribeAnswer = { 't-confirmed': 'accept', 't-starting': 'reject', 't-noshow': 'accept' };
    const accepted = await askForReminders(remindersFor('wallet'));
    expect(fake.subscribeAsks).toEqual([['t-confirmed', 't-starting', 't-noshow']]);
    expect(accepted).toEqual(['t-confirmed', 't-noshow']);
    expect(posted).toEqual([['t-confirmed', 't-noshow']]);
  });

  it('a refused or failed dialog posts nothing and never blocks the booking', async () => {
    const posted: string[][] = [];
    const fake = installWx(serve(posted));
    saveSession({ jwt: 'j', refreshToken: 'r', userId: 1 });
    await prepareReminders();
    fake.subscribeAnswer = null; // the call fails
    expect(await askForReminders(remindersFor('wechat'))).toEqual([]);
    fake.subscribeAnswer = { 't-confirmed': 'reject', 't-hold': 'reject', 't-starting': 'reject' };
    expect(await askForReminders(remindersFor('wechat'))).toEqual([]);
    await settle();
    expect(posted).toEqual([]);
  });

  it('without the template list (server unreachable) nothing is asked', async () => {
    const fake = installWx(createWx({ handler: () => Promise.reject(new Error('offline')) }));
    saveSession({ jwt: 'j', refreshToken: 'r', userId: 1 });
    await prepareReminders();
    expect(await askForReminders(remindersFor('wallet'))).toEqual([]);
    expect(fake.subscribeAsks).toEqual([]);
  });
});
