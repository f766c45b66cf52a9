/**
 * A TCP proxy a test controls, put between the CMS and MariaDB or Redis to make faults on demand
 * without touching the shared services:
 * - cut():    close every connection and refuse new ones (a server that is down);
 * - freeze(): keep connections open but stop forwarding either way (a paused or black-holed server);
 * - restore(): forward again (buffered bytes of a freeze are delivered, as a resumed server would).
 */
import net from 'net';

export interface TcpProxy {
  port: number;
  url(scheme: string): string;
  cut(): void;
  freeze(): void;
  restore(): void;
  close(): Promise<void>;
  readonly state: 'open' | 'cut' | 'frozen';
}

export async function startTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  let state: 'open' | 'cut' | 'frozen' = 'open';
  const pairs = new Set<{ client: net.Socket; upstream: net.Socket }>();

  const pump = (pair: { client: net.Socket; upstream: net.Socket }) => {
    if (state === 'frozen') {
      pair.client.pause();
      pair.upstream.pause();
    } else {
      pair.client.resume();
      pair.upstream.resume();
    }
  };

  const server = net.createServer((client) => {
    if (state === 'cut') {
      client.destroy();
      return;
    }
    const upstream = net.connect(target.port, target.host);
    const pair = { client, upstream };
    pairs.add(pair);
    // Forward by hand (not pipe) so a freeze can hold the bytes: paused sockets stop reading.
    client.on('data', (d) => upstream.write(d));
    upstream.on('data', (d) => client.write(d));
    const end = () => {
      pairs.delete(pair);
      client.destroy();
      upstream.destroy();
    };
    client.on('error', end);
    upstream.on('error', end);
    client.on('close', end);
    upstream.on('close', end);
    pump(pair);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.address() as net.AddressInfo).port;

  return {
    port,
    url: (scheme: string) => `${scheme}://127.0.0.1:${port}`,
    get state() {
      return state;
    },
    cut() {
      state = 'cut';
      for (const p of pairs) {
        p.client.destroy();
        p.upstream.destroy();
      }
      pairs.clear();
    },
    freeze() {
      state = 'frozen';
      for (const p of pairs) pump(p);
    },
    restore() {
      state = 'open';
      for (const p of pairs) pump(p);
    },
    async close() {
      state = 'cut';
      for (const p of pairs) {
        p.client.destroy();
        p.upstream.destroy();
      }
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
