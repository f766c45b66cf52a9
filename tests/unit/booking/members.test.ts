import { batchProgress, checkBanUntil, checkTagExpiry, parseMemberList, unmatchedEntries, MAX_BAN_DAYS } from '../../../cms/src/plugins/booking/server/src/domain';

const now = new Date('2026-12-01T02:00:00Z');
const later = (days: number) => new Date(now.getTime() + days * 86400_000);
const codeOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (e: any) {
    return { code: e.code, message: e.message };
  }
  return null;
};

describe('bans staff set', () => {
  it('a ban until next week is accepted as given', () => {
    expect(checkBanUntil(later(7), now)).toEqual(later(7));
  });
  it('a ban ending now or in the past is refused: lifting is the way to end a ban', () => {
    expect(codeOf(() => checkBanUntil(now, now))).toMatchObject({ code: 'VALIDATION', message: expect.stringMatching(/lift it instead/) });
  });
  it(`a ban longer than ${MAX_BAN_DAYS} days is a typo and refused`, () => {
    expect(codeOf(() => checkBanUntil(later(MAX_BAN_DAYS + 1), now))).toMatchObject({ code: 'VALIDATION' });
  });
});

describe('tag expiry', () => {
  it('no expiry means the tag stays', () => expect(checkTagExpiry(null, now)).toBeNull());
  it('an expiry in the past is refused', () => expect(codeOf(() => checkTagExpiry(later(-1), now))).toMatchObject({ code: 'VALIDATION' }));
});

describe('a pasted member list', () => {
  it('splits a spreadsheet column, commas and Chinese punctuation; numbers are ids, the rest openids; duplicates once', () => {
    expect(parseMemberList('12\n13, o_abc-1；12\t o_xyz')).toEqual({ ids: [12, 13], openids: ['o_abc-1', 'o_xyz'], entries: 4 });
  });
  it('an empty paste or a stray word is refused with the entry named', () => {
    expect(codeOf(() => parseMemberList(' \n '))).toMatchObject({ code: 'VALIDATION' });
    expect(codeOf(() => parseMemberList('12 小明'))).toMatchObject({ message: expect.stringContaining('"小明"') });
  });
  it('entries that matched nobody are reported back', () => {
    expect(unmatchedEntries({ ids: [1, 2], openids: ['o_a', 'o_b'] }, [{ id: 1, openid: 'o_x' }, { id: 7, openid: 'o_b' }])).toEqual(['2', 'o_a']);
  });
});

describe('batch progress', () => {
  it('counts done, skipped and failed members as processed', () => {
    expect(batchProgress({ total: 8, pending: 2, done: 4, skipped: 1, failed: 1 })).toEqual({ processed: 6, percent: 75, finished: false });
  });
  it('reaches 100 % only when nothing is pending', () => {
    expect(batchProgress({ total: 3, pending: 0, done: 2, skipped: 0, failed: 1 })).toEqual({ processed: 3, percent: 100, finished: true });
    expect(batchProgress({ total: 1000, pending: 1, done: 999, skipped: 0, failed: 0 }).percent).toBe(99);
  });
});
