import { createPublicKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { checkCheckpointDocument, parseCheckpointDocument } from '@ketnap/event-store';
import type { AppProcess } from './support/app-process';
import { appForSuite, call, expectProblem, tokenFor } from './api-support';

/** API.md "Audit anchoring": signed checkpoints over HTTP, shipped to the webhook. */
describe('API audit checkpoints', () => {
  const received: Array<Record<string, any>> = [];
  const webhook: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      received.push(JSON.parse(body));
      res.writeHead(204).end();
    });
  });
  let app: AppProcess;
  const tokens: Record<string, string> = {};
  const as = (role: string) => (method: string, path: string, json?: unknown) =>
    call(app.baseUrl, method, `/api/v1${path}`, { token: tokens[role], json });
  const unit = (unitId: string) => as('admin')('PUT', `/units/${unitId}`, { name: `Chi bộ ${unitId}`, kind: 'branch' });

  beforeAll(async () => {
    await new Promise<void>((resolve) => webhook.listen(0, '127.0.0.1', resolve));
    for (const role of ['admin', 'inspector', 'office', 'viewer'] as const) tokens[role] = await tokenFor(role);
  });
  afterAll(() => new Promise((resolve) => webhook.close(resolve)));
  appForSuite(
    {
      get KETNAP_WEBHOOK_URL() {
        return `http://127.0.0.1:${(webhook.address() as AddressInfo).port}/audit`;
      },
      KETNAP_WEBHOOK_SECRET: 'audit-webhook-secret-0123',
      KETNAP_CHECKPOINT_INTERVAL: 'off',
    },
    (started) => (app = started),
  );

  it('signs a checkpoint for an inspector or an admin (201), whose file verifies with the public key it answers', async () => {
    expect((await unit('chi-bo-mot')).status).toBe(200);
    const taken = await as('inspector')('POST', '/audit/checkpoints');
    expect(taken.status).toBe(201);
    expect(taken.body).toEqual({
      id: expect.stringMatching(/^cp-\d{12}-\d{8}T\d{9}Z$/),
      format: 'ketnap-checkpoint/1',
      position: expect.any(Number),
      head: expect.stringMatching(/^[0-9a-f]{64}$/),
      at: expect.any(String),
      streamCount: expect.any(Number),
      signature: expect.any(String),
      publicKey: expect.stringMatching(/^-----BEGIN PUBLIC KEY-----/),
      file: expect.stringMatching(/checkpoints\/cp-.*\.json$/),
    });
    const doc = parseCheckpointDocument(readFileSync(taken.body.file, 'utf8'));
    expect(() => checkCheckpointDocument(doc, createPublicKey(taken.body.publicKey))).not.toThrow();
    expect(doc).toMatchObject({
      id: taken.body.id,
      position: taken.body.position,
      head: taken.body.head,
      signature: taken.body.signature,
    });
    expectProblem(await as('office')('POST', '/audit/checkpoints'), 403);
    expectProblem(await as('viewer')('POST', '/audit/checkpoints'), 403);
  });

  it('lists them newest first, and verifies the store against one by id', async () => {
    await unit('chi-bo-hai');
    const second = (await as('admin')('POST', '/audit/checkpoints')).body;
    const list = await as('inspector')('GET', '/audit/checkpoints');
    expect(list.status).toBe(200);
    expect(list.body.items).toHaveLength(2);
    expect(list.body.items[0]).toEqual({ ...second, publicKey: undefined });
    const first = list.body.items[1];
    expect(first.position).toBeLessThan(second.position);

    const verified = await as('inspector')('GET', `/audit/verify?checkpoint=${first.id}`);
    expect(verified.body).toEqual({
      ok: true,
      streams: expect.any(Number),
      events: second.position,
      checkpoint: { id: first.id, ok: true, findings: [] },
    });
    const plain = await as('inspector')('GET', '/audit/verify');
    expect(plain.body).toEqual({ ok: true, streams: expect.any(Number), events: second.position });
  });

  it('answers 404 for an unknown checkpoint and 400 for something that is not a checkpoint id', async () => {
    expectProblem(await as('inspector')('GET', '/audit/verify?checkpoint=cp-000000009999-20240307T020000000Z'), 404);
    expectProblem(await as('inspector')('GET', '/audit/verify?checkpoint=..%2Fauth-secret'), 400);
    expectProblem(await as('viewer')('GET', '/audit/checkpoints'), 403);
  });

  it('ships every checkpoint, whole and signed, to the webhook', async () => {
    const ids = (await as('admin')('GET', '/audit/checkpoints')).body.items.map((c: { id: string }) => c.id);
    for (let waited = 0; received.length < ids.length && waited < 5000; waited += 50)
      await new Promise((resolve) => setTimeout(resolve, 50));
    expect(received.map((n) => [n.kind, n.document.id]).sort()).toEqual(
      ids.map((id: string) => ['audit-checkpoint', id]).sort(),
    );
    expect(received[0].document.streams.length).toBe(received[0].document.streamCount);
  });
});
