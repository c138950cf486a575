import { InvalidTimerError } from './errors';
import { checkTimer, deliverySettings, retryDelay } from './timer-spec';

describe('timer checks', () => {
  const dueAt = new Date('2024-06-04T17:00:00.000Z');

  it('accepts a deterministic id and stores the payload as canonical JSON', () => {
    expect(
      checkTimer({ id: 'dossier-123_admission-decision_2024-06-04', dueAt, payload: { b: 1, a: { d: 2, c: 'Đảng' } } }),
    ).toEqual({
      id: 'dossier-123_admission-decision_2024-06-04',
      dueAtMs: dueAt.getTime(),
      payloadJson: '{"a":{"c":"Đảng","d":2},"b":1}',
    });
  });

  it.each([
    ['', /non-empty/],
    ['dossier-1:x', /contains ':'/],
    ['tab\there', /white space/],
    ['z'.repeat(201), /more than 200/],
  ])('rejects the id %j', (id, message) => {
    expect(() => checkTimer({ id, dueAt, payload: {} })).toThrow(InvalidTimerError);
    expect(() => checkTimer({ id, dueAt, payload: {} })).toThrow(message);
  });

  it('rejects a date that is not one and a payload that is not an object', () => {
    expect(() => checkTimer({ id: 'a', dueAt: new Date(Number.NaN), payload: {} })).toThrow(/not a valid date/);
    expect(() => checkTimer({ id: 'a', dueAt: '2024-06-04' as unknown as Date, payload: {} })).toThrow(
      /not a valid date/,
    );
    expect(() => checkTimer({ id: 'a', dueAt, payload: null as unknown as Record<string, unknown> })).toThrow(
      /JSON object/,
    );
  });

  it('doubles the retry wait with each attempt', () => {
    expect([1, 2, 3, 4].map((attempt) => retryDelay(250, attempt))).toEqual([250, 500, 1000, 2000]);
  });

  it('refuses delivery settings that would never deliver', () => {
    expect(() => deliverySettings({ maxAttempts: 0 })).toThrow(RangeError);
    expect(() => deliverySettings({ backoffMs: -1 })).toThrow(RangeError);
    expect(deliverySettings({})).toMatchObject({ maxAttempts: 5, backoffMs: 1000 });
  });
});
