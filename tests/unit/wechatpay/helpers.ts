import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedNotification {
  rawBody: Buffer;
  headers: http.IncomingHttpHeaders;
  path: string;
}

/**
 * A stand-in for the CMS notify endpoint: keeps every delivery byte for byte, so tests verify exactly what
 * a production handler would see, and answers with whatever the test decides.
 */
export async function startNotifyReceiver(answer: (n: ReceivedNotification) => number = () => 204) {
  const received: ReceivedNotification[] = [];
  const server = http.createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const n = { rawBody: Buffer.concat(chunks), headers: req.headers, path: req.url ?? '' };
    received.push(n);
    res.writeHead(answer(n));
    res.end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    notifyUrl: `${url}/api/payments/wechat/notify`,
    refundNotifyUrl: `${url}/api/payments/wechat/refund-notify`,
    received,
    last: () => received[received.length - 1],
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

let counter = 0;
/** Unique per run so tests never trip over each other's orders in a shared emulator. */
export const tradeNo = (prefix = 'RC') => `${prefix}${Date.now().toString(36)}${(++counter).toString().padStart(4, '0')}`;
