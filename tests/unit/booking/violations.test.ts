import { banDecision } from '../../../cms/src/plugins/booking/server/src/domain';
import { refusal, sh } from './support';

const now = sh('2025-03-30T12:00');
const daysAgo = (d: number) => new Date(now.getTime() - d * 86_400_000);
const rule = { now, threshold: 3, windowDays: 30, banDays: 7 };

describe('automatic ban after repeated no-shows', () => {
  it('fewer violations than the threshold inside the window: no ban', () => {
    expect(banDecision({ ...rule, violationTimes: [daysAgo(1), daysAgo(10)] })).toEqual({ ban: false, count: 2 });
  });

  it('reaching the threshold bans for banDays from now', () => {
    expect(banDecision({ ...rule, violationTimes: [daysAgo(1), daysAgo(10), now] })).toEqual({
      ban: true,
      count: 3,
      until: sh('2025-04-06T12:00'),
    });
  });

  it('a violation exactly windowDays old has aged out; one a minute younger still counts', () => {
    expect(banDecision({ ...rule, violationTimes: [daysAgo(30), daysAgo(2), now] }).ban).toBe(false);
    const almost = new Date(daysAgo(30).getTime() + 60_000);
    expect(banDecision({ ...rule, violationTimes: [almost, daysAgo(2), now] }).ban).toBe(true);
  });

  it('future-dated violations are ignored', () => {
    expect(banDecision({ ...rule, violationTimes: [daysAgo(1), now, new Date(now.getTime() + 1)] })).toEqual({ ban: false, count: 2 });
  });

  it('a threshold of 0 or a fractional window is a configuration error (VALIDATION)', () => {
    refusal(() => banDecision({ ...rule, threshold: 0, violationTimes: [] }), 'VALIDATION');
    refusal(() => banDecision({ ...rule, windowDays: 1.5, violationTimes: [] }), 'VALIDATION');
  });
});
