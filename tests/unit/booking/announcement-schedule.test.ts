import { announcementState, isDueForPublishing, isDueForRetiring, scheduleProblems } from '../../../cms/src/plugins/booking/server/src/domain/announcement-schedule';

const now = new Date('2026-05-20T12:00:00+08:00');
const at = (h: number) => new Date(now.getTime() + h * 3600_000);
const facts = (o: Partial<Parameters<typeof announcementState>[0]>) => ({ published: false, scheduled: false, publishAt: null, expireAt: null, ...o });

describe('announcement state by the clock', () => {
  it.each([
    ['an unscheduled draft', facts({}), 'draft'],
    ['a draft with a date but not scheduled', facts({ publishAt: at(2) }), 'draft'],
    ['a scheduled draft', facts({ scheduled: true, publishAt: at(2) }), 'scheduled'],
    ['published with a future publish-at', facts({ published: true, publishAt: at(2) }), 'scheduled'],
    ['published and in its window', facts({ published: true, publishAt: at(-1), expireAt: at(5) }), 'live'],
    ['published without dates', facts({ published: true }), 'live'],
    ['published past its expiry', facts({ published: true, publishAt: at(-5), expireAt: at(-1) }), 'expired'],
    ['a retired draft', facts({ publishAt: at(-5), expireAt: at(-1) }), 'expired'],
    ['expiring exactly now', facts({ published: true, expireAt: now }), 'expired'],
  ])('%s is %s', (_name, f, state) => expect(announcementState(f as any, now)).toBe(state));
});

describe('what the schedule job does', () => {
  it('publishes a scheduled draft once publish-at has come, not before', () => {
    expect(isDueForPublishing(facts({ scheduled: true, publishAt: at(1) }), now)).toBe(false);
    expect(isDueForPublishing(facts({ scheduled: true, publishAt: now }), now)).toBe(true);
    expect(isDueForPublishing(facts({ scheduled: true, publishAt: at(-3) }), now)).toBe(true);
  });
  it('never publishes one whose window closed during downtime, nor an unscheduled draft', () => {
    expect(isDueForPublishing(facts({ scheduled: true, publishAt: at(-3), expireAt: at(-1) }), now)).toBe(false);
    expect(isDueForPublishing(facts({ publishAt: at(-3) }), now)).toBe(false);
  });
  it('retires a published one past expire-at only', () => {
    expect(isDueForRetiring(facts({ published: true, expireAt: at(-1) }), now)).toBe(true);
    expect(isDueForRetiring(facts({ published: true, expireAt: at(1) }), now)).toBe(false);
    expect(isDueForRetiring(facts({ published: true }), now)).toBe(false);
  });
});

describe('schedule problems', () => {
  it('expiry before publish is refused on every action', () => {
    expect(scheduleProblems('save', at(3), at(2), now).map((p) => p.rule)).toEqual(['EXPIRE_BEFORE_PUBLISH']);
  });
  it('scheduling needs a publish-at ahead', () => {
    expect(scheduleProblems('schedule', null, null, now).map((p) => p.rule)).toEqual(['PUBLISH_AT_REQUIRED']);
    expect(scheduleProblems('schedule', at(-1), null, now).map((p) => p.rule)).toEqual(['PUBLISH_AT_IN_PAST']);
    expect(scheduleProblems('schedule', at(1), at(4), now)).toEqual([]);
  });
  it('publishing something already expired is refused; saving it as a draft is not', () => {
    expect(scheduleProblems('publish', null, at(-1), now).map((p) => p.rule)).toEqual(['EXPIRE_IN_PAST']);
    expect(scheduleProblems('save', null, at(-1), now)).toEqual([]);
  });
});
