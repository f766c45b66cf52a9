import { claimsPurgeableBefore } from '../../../cms/src/plugins/booking/server/src/domain';
import { sh } from './support';

describe('which past claims can never conflict again', () => {
  const now = sh('2025-03-30T12:00');

  it('keeps a day and an hour of claims when the longest booking is shorter than a day (today\'s map stays whole)', () => {
    expect(claimsPurgeableBefore({ now, maxBookingMinutes: 8 * 60 })).toEqual(sh('2025-03-29T11:00'));
  });

  it('reaches back the longest booking when it is longer than a day (a late payment re-claims the whole booking)', () => {
    expect(claimsPurgeableBefore({ now, maxBookingMinutes: 48 * 60 })).toEqual(sh('2025-03-28T11:00'));
  });
});
