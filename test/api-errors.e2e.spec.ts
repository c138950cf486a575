import type { AppProcess } from './support/app-process';
import { appForSuite, call, eventCount, expectProblem, tokenFor } from './api-support';

/** Appears in every body sent here; it must never reach the logs. */
const MARKER = 'Nguyễn-Văn-Bí-Mật-4242';

describe('API errors, validation and write semantics', () => {
  let app: AppProcess;
  let admin: string;
  const put = (path: string, options: Parameters<typeof call>[3] = {}) =>
    call(app.baseUrl, 'PUT', path, { token: admin, ...options });

  appForSuite({}, (started) => (app = started));
  beforeAll(async () => {
    admin = await tokenFor('admin');
    await put('/api/v1/units/dong-tien', { json: { name: 'Đảng ủy xã Đồng Tiến', kind: 'party-committee' } });
  });

  it('lists every invalid field with 400, unknown fields included, and appends nothing', async () => {
    const before = await eventCount(app.baseUrl);
    const answer = await put('/api/v1/units/lang-gia', {
      json: { name: '', kind: 'village', officialMembers: -1, block: 'city', colour: MARKER },
    });
    expectProblem(answer, 400, 'VALIDATION_FAILED');
    expect(answer.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
      'block',
      'colour',
      'kind',
      'name',
      'officialMembers',
    ]);
    expect(answer.body.errors).toContainEqual({
      field: 'colour',
      message: 'không phải trường của yêu cầu này; hãy bỏ trường này',
    });
    expect(await eventCount(app.baseUrl)).toBe(before);
  });

  it('names nested fields with dotted paths', async () => {
    const answer = await put('/api/v1/plans/2024', {
      json: {
        committeeId: 'Đồng Tiến',
        units: [{ unitId: 'lang-gia', quarters: [{ quarter: 5, nominations: 1.5, admissions: 0, extra: MARKER }] }],
        minimums: { rural: 'three' },
      },
    });
    expectProblem(answer, 400, 'VALIDATION_FAILED');
    expect(answer.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
      'committeeId',
      'minimums.rural',
      'units.0.quarters.0.extra',
      'units.0.quarters.0.nominations',
      'units.0.quarters.0.quarter',
    ]);
  });

  it('lists every required field of a request without a body', async () => {
    const answer = await put('/api/v1/units/lang-gia');
    expectProblem(answer, 400, 'VALIDATION_FAILED');
    expect(answer.body.errors.map((e: { field: string }) => e.field)).toEqual(['name', 'kind']);
  });

  it('refuses a bad id or year in the path with 400', async () => {
    expect((await put('/api/v1/units/Lang_Gia', { json: { name: 'x', kind: 'branch' } })).body.errors).toEqual([
      { field: 'unitId', message: expect.any(String) },
    ]);
    for (const year of ['1999', '2101', 'abc']) {
      expect((await call(app.baseUrl, 'GET', `/api/v1/plans/${year}`, { token: admin })).body).toMatchObject({
        status: 400,
        errors: [{ field: 'year' }],
      });
    }
  });

  it('answers malformed JSON and a body that is not an object with 400, never 500, without echoing the body', async () => {
    const malformed = await put('/api/v1/units/lang-gia', {
      body: `{"name": "${MARKER}`,
      contentType: 'application/json',
    });
    expectProblem(malformed, 400, 'MALFORMED_JSON');
    expect(malformed.text).not.toContain(MARKER);
    expectProblem(
      await put('/api/v1/units/lang-gia', { body: `["${MARKER}"]`, contentType: 'application/json' }),
      400,
      'VALIDATION_FAILED',
    );
    expectProblem(await put('/api/v1/units/lang-gia', { body: '42', contentType: 'application/json' }), 400);
  });

  it('answers an unsupported content type with 415 (TSV is read only by PUT /plans/{year})', async () => {
    expectProblem(
      await put('/api/v1/units/lang-gia', { body: `name=${MARKER}`, contentType: 'application/x-www-form-urlencoded' }),
      415,
      'UNSUPPORTED_MEDIA_TYPE',
    );
    expectProblem(
      await put('/api/v1/units/lang-gia', { body: 'a\tb', contentType: 'text/tab-separated-values' }),
      415,
      'UNSUPPORTED_MEDIA_TYPE',
    );
    expectProblem(
      await put('/api/v1/units/lang-gia', { body: `name=${MARKER}`, contentType: 'text/plain' }),
      415,
      'UNSUPPORTED_MEDIA_TYPE',
    );
  });

  it('answers a 2 MB body with 413 problem+json, JSON or TSV', async () => {
    const big = `{"name":"${'x'.repeat(2 * 1024 * 1024)}","kind":"branch"}`;
    expectProblem(
      await put('/api/v1/units/lang-gia', { body: big, contentType: 'application/json' }),
      413,
      'PAYLOAD_TOO_LARGE',
    );
    expectProblem(
      await put('/api/v1/plans/2024', { body: 'x\t'.repeat(1024 * 1024), contentType: 'text/tab-separated-values' }),
      413,
      'PAYLOAD_TOO_LARGE',
    );
  });

  // A sender still writing when the refusal is ready must read it, not a reset: the body is read and dropped first.
  it('lets a slow sender of an oversized or unauthenticated body finish writing and read its 413 or 401', async () => {
    const send = async (token: string | undefined) => {
      const chunk = new TextEncoder().encode('x'.repeat(64 * 1024));
      let sent = 0;
      const body = new ReadableStream<Uint8Array>({
        async pull(controller) {
          // The first 64 KiB at once, the rest after the server has had time to answer and close.
          if (sent === 1) await new Promise((resolve) => setTimeout(resolve, 300));
          if (sent++ === 32) return controller.close();
          controller.enqueue(chunk);
        },
      });
      const res = await fetch(`${app.baseUrl}/api/v1/units/lang-gia`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body,
        duplex: 'half',
      } as RequestInit);
      return { status: res.status, body: await res.text() };
    };
    const large = await send(admin);
    expect(large.status).toBe(413);
    expect(JSON.parse(large.body)).toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
    const anonymous = await send(undefined);
    expect(anonymous.status).toBe(401);
    expect(JSON.parse(anonymous.body)).toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it('answers unknown ids and routes with 404', async () => {
    expectProblem(await call(app.baseUrl, 'GET', '/api/v1/units/nowhere', { token: admin }), 404, 'NOT_FOUND');
    expectProblem(await call(app.baseUrl, 'GET', '/api/v1/plans/2030', { token: admin }), 404, 'NOT_FOUND');
    expectProblem(await call(app.baseUrl, 'GET', '/api/v1/nothing-here', { token: admin }), 404, 'NOT_FOUND');
  });

  it('records and lists units, each write answering the unit with its new version', async () => {
    const first = await put('/api/v1/units/mo-am', {
      json: { name: '  Mỏ Ấm ', kind: 'branch', parentId: 'dong-tien', block: 'rural', officialMembers: 9 },
    });
    expect(first).toMatchObject({
      status: 200,
      body: {
        unitId: 'mo-am',
        name: 'Mỏ Ấm',
        kind: 'branch',
        parentId: 'dong-tien',
        block: 'rural',
        officialMembers: 9,
        version: 1,
      },
    });
    const second = await put('/api/v1/units/mo-am', {
      json: { name: 'Mỏ Ấm', kind: 'branch', parentId: 'dong-tien' },
      headers: { 'If-Match': '1' },
    });
    expect(second.body).toEqual({ unitId: 'mo-am', name: 'Mỏ Ấm', kind: 'branch', parentId: 'dong-tien', version: 2 });
    expect((await call(app.baseUrl, 'GET', '/api/v1/units/mo-am', { token: admin })).body).toEqual(second.body);
    const list = await call(app.baseUrl, 'GET', '/api/v1/units', {
      token: await tokenFor('viewer', { units: ['mo-am'] }),
    });
    expect(list.body.items.map((u: { unitId: string }) => u.unitId)).toEqual(['dong-tien', 'mo-am']);
  });

  it('answers a stale If-Match with 409 and a malformed one with 400, appending nothing', async () => {
    await put('/api/v1/units/lang-ca', { json: { name: 'Làng Cà', kind: 'branch' } });
    const before = await eventCount(app.baseUrl);
    const stale = await put('/api/v1/units/lang-ca', {
      json: { name: 'Làng Cà mới', kind: 'branch' },
      headers: { 'If-Match': '0', 'Accept-Language': 'en' },
    });
    expectProblem(stale, 409, 'VERSION_CONFLICT');
    expect(stale.body.detail).toContain('unit lang-ca is at version 1, not 0');
    expectProblem(
      await put('/api/v1/units/lang-ca', {
        json: { name: 'Làng Cà', kind: 'branch' },
        headers: { 'If-Match': 'soon' },
      }),
      400,
      'INVALID_HEADER',
    );
    expectProblem(
      await put('/api/v1/plans/2024', { json: { committeeId: 'dong-tien', units: [] }, headers: { 'If-Match': '3' } }),
      409,
      'VERSION_CONFLICT',
    );
    expect(await eventCount(app.baseUrl)).toBe(before);
  });

  it('answers a resend with the same Idempotency-Key with the first result, appending nothing', async () => {
    const headers = { 'Idempotency-Key': 'unit-lien-phuong-1' };
    const first = await put('/api/v1/units/lien-phuong', { json: { name: 'Liên Phương', kind: 'branch' }, headers });
    const after = await eventCount(app.baseUrl);
    await put('/api/v1/units/lien-phuong', { json: { name: 'Liên Phương', kind: 'branch', officialMembers: 30 } });
    const resend = await put('/api/v1/units/lien-phuong', { json: { name: 'Liên Phương', kind: 'branch' }, headers });
    expect({ status: resend.status, body: resend.body }).toEqual({ status: first.status, body: first.body });
    expect(await eventCount(app.baseUrl)).toBe(after + 1);
    expectProblem(
      await put('/api/v1/units/lang-gia', { json: { name: 'Làng Gia', kind: 'branch' }, headers }),
      409,
      'IDEMPOTENCY_KEY_REUSED',
    );
    expectProblem(
      await put('/api/v1/units/lang-gia', {
        json: { name: 'Làng Gia', kind: 'branch' },
        headers: { 'Idempotency-Key': 'has spaces' },
      }),
      400,
      'INVALID_HEADER',
    );
  });

  it('refuses a unit whose parent would make a loop with 422', async () => {
    // Only higher committees hang under their own kind, so a loop can only be made of them.
    expect((await put('/api/v1/units/tinh', { json: { name: 'Tỉnh ủy', kind: 'higher-committee' } })).status).toBe(200);
    expect(
      (await put('/api/v1/units/huyen', { json: { name: 'Huyện ủy', kind: 'higher-committee', parentId: 'tinh' } }))
        .status,
    ).toBe(200);
    const loop = await put('/api/v1/units/tinh', {
      json: { name: 'Tỉnh ủy', kind: 'higher-committee', parentId: 'huyen' },
    });
    expectProblem(loop, 422, 'UNIT_PARENT_INVALID');
  });

  it('echoes the correlation id and never logs a request body', async () => {
    const answer = await call(app.baseUrl, 'GET', '/api/v1/units', {
      token: admin,
      headers: { 'X-Request-Id': 'trace-42' },
    });
    expect(answer.headers.get('x-request-id')).toBe('trace-42');
    expect(app.output()).not.toContain(MARKER);
    expect(app.output()).not.toContain('Mỏ Ấm');
  });
});
