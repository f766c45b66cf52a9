/**
 * A `wx` whose request goes over real HTTP (fetch) to a booted CMS, whose login asks the WeChat
 * emulator for a code, and whose requestPayment makes the emulator pay the order (it then notifies the
 * CMS, as WeChat would). The mini program's own service layer runs on it unchanged.
 */
import { createWx, installWx, type FakeWx } from '../support/wx';
import type { TestCms } from '../../support/cms';

export function wxOverHttp(cms: TestCms, openid: string): FakeWx {
  const fake = createWx({
    handler: async (req) => {
      const hasBody = req.method !== 'GET' && req.body !== undefined;
      const res = await fetch(req.url, { method: req.method, headers: req.headers, body: hasBody ? JSON.stringify(req.body) : undefined });
      const text = await res.text();
      let body: unknown = text;
      try {
        body = JSON.parse(text);
      } catch {
        /* keep the text */
      }
      const headers: Record<string, string> = {};
      res.headers.forEach((value, key) => {
        headers[key] = value;
      });
      return { status: res.status, body, headers };
    },
    login: () => cms.emulator.issueCode({ openid }),
    pay: async (params) => {
      const prepay = String(params.package).replace('prepay_id=', '');
      const order = [...cms.emulator.orders.values()].find((o: any) => o.prepay_id === prepay);
      if (!order) throw new Error(`requestPayment:fail no order for ${prepay}`);
      await cms.emulator.pay(order.out_trade_no);
    },
  });
  return installWx(fake);
}
