import { newOutTradeNo, OUT_TRADE_NO_PATTERN, outTradeNoKind } from '../../../cms/src/plugins/payments/server/src/domain';

const fixed = (byte: number) => ({ randomBytes: (n: number) => new Uint8Array(n).fill(byte) });

describe('out_trade_no', () => {
  it('follows WeChat\'s rule: 6 to 32 characters of [A-Za-z0-9_-]', () => {
    for (const prefix of ['RC', 'BK', 'MB'] as const) {
      const no = newOutTradeNo(prefix, new Date());
      expect(no).toMatch(OUT_TRADE_NO_PATTERN);
      expect(no.length).toBeLessThanOrEqual(32);
    }
  });

  it('carries the kind and the UTC time to the millisecond', () => {
    expect(newOutTradeNo('RC', new Date('2025-01-31T16:00:00.123Z'), fixed(0))).toBe('RC202501311600001230000000000');
  });

  it('sorts by creation time as plain strings', () => {
    const a = newOutTradeNo('BK', new Date('2025-01-31T23:59:59.999Z'), fixed(255));
    const b = newOutTradeNo('BK', new Date('2025-02-01T00:00:00.000Z'), fixed(0));
    expect(a < b).toBe(true);
  });

  it('two numbers in the same millisecond differ', () => {
    const now = new Date();
    const seen = new Set(Array.from({ length: 1000 }, () => newOutTradeNo('RC', now)));
    expect(seen.size).toBe(1000);
  });

  it('tells the kind of payment back from a number, and rejects foreign ones', () => {
    expect(outTradeNoKind(newOutTradeNo('MB', new Date()))).toBe('MB');
    expect(outTradeNoKind('XX2025013116000012300000000')).toBeNull();
    expect(outTradeNoKind('RC12')).toBeNull();
  });

  it('refuses an invalid date', () => {
    expect(() => newOutTradeNo('RC', new Date('nope'))).toThrow(RangeError);
  });
});
