import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A request the receiver took: its notification id, signature, raw body and parsed body. */
export interface Received<Body = Record<string, unknown>> {
  id: string;
  signature: string;
  raw: string;
  body: Body;
}

/** A local webhook receiver for the tests of signed deliveries (reminders, issued reports). */
export interface WebhookReceiver {
  /** Requests still to answer 503 (the sender retries them). */
  failNext: number;
  url(path: string): string;
  close(): void;
}

/** Listens on a free local port; pushes each request it accepts (204) onto `received`. */
export async function startWebhookReceiver<Body>(received: Received<Body>[], failFirst = 0): Promise<WebhookReceiver> {
  const receiver = { failNext: failFirst };
  const server: Server = createServer((req, res) => {
    let raw = '';
    req.on('data', (chunk) => (raw += chunk));
    req.on('end', () => {
      if (receiver.failNext > 0) {
        receiver.failNext -= 1;
        res.writeHead(503).end();
        return;
      }
      received.push({
        id: String(req.headers['x-ketnap-notification-id']),
        signature: String(req.headers['x-ketnap-signature']),
        raw,
        body: JSON.parse(raw) as Body,
      });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return Object.assign(receiver, {
    url: (path: string) => `http://127.0.0.1:${(server.address() as AddressInfo).port}${path}`,
    close: () => void server.close(),
  });
}
