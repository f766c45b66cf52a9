import {
  checkCheckinWindow,
  earlyCheckoutRelease,
  noShowDeadline,
  type CheckinWindowInput,
} from '../../../cms/src/plugins/booking/server/src/domain';
import { refusal, sh } from './support';

const booking: CheckinWindowInput = {
  start: sh('2025-03-14T14:00'),
  end: sh('2025-03-14T16:00'),
  now: sh('2025-03-14T14:00'),
  openMinutesBefore: 15,
  graceMinutes: 30,
};
const check = (over: Partial<CheckinWindowInput>) => () => checkCheckinWindow({ ...booking, ...over });

describe('check-in window', () => {
  it('is open from openMinutesBefore before the start to graceMinutes after it, both ends included', () => {
    expect(check({ now: sh('2025-03-14T13:45') })()).toEqual({ opensAt: sh('2025-03-14T13:45'), closesAt: sh('2025-03-14T14:30') });
    expect(check({ now: sh('2025-03-14T14:30') })).not.toThrow();
  });

  it('one minute too early is CHECKIN_WINDOW with the window in the store time zone', () => {
    const err = refusal(check({ now: sh('2025-03-14T13:44') }), 'CHECKIN_WINDOW');
    expect(err.details).toEqual({ opensAt: '2025-03-14T13:45:00+08:00', closesAt: '2025-03-14T14:30:00+08:00', reason: 'too_early' });
    expect(err.message).toBe('Check-in opens at 13:45; please scan again then.');
  });

  it('one second after the grace period is CHECKIN_WINDOW (too late)', () => {
    const err = refusal(check({ now: new Date(sh('2025-03-14T14:30').getTime() + 1000) }), 'CHECKIN_WINDOW');
    expect(err.details.reason).toBe('too_late');
    expect(err.message).toBe('Check-in closed at 14:30; this booking can no longer be checked in.');
  });

  it('a booking shorter than the grace period closes its window at its end', () => {
    const short = { end: sh('2025-03-14T14:15') };
    expect(check({ ...short, now: sh('2025-03-14T14:15') })()).toMatchObject({ closesAt: sh('2025-03-14T14:15') });
    refusal(check({ ...short, now: sh('2025-03-14T14:16') }), 'CHECKIN_WINDOW');
  });

  it('given Berlin as the store zone, the times in the message are on the Berlin clock', () => {
    const err = refusal(check({ now: sh('2025-03-14T13:00'), tz: 'Europe/Berlin' }), 'CHECKIN_WINDOW');
    expect(err.message).toBe('Check-in opens at 06:45; please scan again then.');
  });

  it('no-show deadline is start + grace, the last instant the window accepts', () => {
    expect(noShowDeadline(booking.start, 30)).toEqual(sh('2025-03-14T14:30'));
  });
});

describe('early check-out releases the rest of the booking', () => {
  const at = (now: string) => earlyCheckoutRelease({ now: sh(now), start: booking.start, end: booking.end });

  it('mid-unit, the unit under way stays claimed and the next 15-minute boundary is released', () => {
    expect(at('2025-03-14T14:07')).toEqual(sh('2025-03-14T14:15'));
  });

  it('exactly on a boundary, release starts there', () => {
    expect(at('2025-03-14T15:00')).toEqual(sh('2025-03-14T15:00'));
  });

  it('checking out before the start (after an early check-in) releases the whole booking', () => {
    expect(at('2025-03-14T13:50')).toEqual(sh('2025-03-14T14:00'));
  });

  it('in the last unit there is nothing left to release (the result is the end)', () => {
    expect(at('2025-03-14T15:50')).toEqual(sh('2025-03-14T16:00'));
  });
});
