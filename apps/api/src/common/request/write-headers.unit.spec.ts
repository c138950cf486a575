import { parseIdempotencyKey, parseIfMatch } from './write-headers';

describe('If-Match', () => {
  it('reads a version, bare or quoted like an ETag; absent or empty is no condition', () => {
    expect([' 3 ', '"12"', '0', undefined, ''].map(parseIfMatch)).toEqual([3, 12, 0, undefined, undefined]);
  });

  it.each([['abc'], ['-1'], ['1.5'], ['W/"3"'], ['*'], ['"3'], [['1', '2']]])(
    'refuses %j with a 400 naming the header',
    (value) => {
      expect(() => parseIfMatch(value)).toThrow(
        expect.objectContaining({
          status: 400,
          code: 'INVALID_HEADER',
          extras: { errors: [expect.objectContaining({ field: 'If-Match' })] },
        }),
      );
    },
  );
});

describe('Idempotency-Key', () => {
  it('reads 1 to 128 visible ASCII characters', () => {
    expect(parseIdempotencyKey('4f1c2a9e-1b7d-4e0b-9d4b-0c1e2f3a4b5c')).toBe('4f1c2a9e-1b7d-4e0b-9d4b-0c1e2f3a4b5c');
    expect(parseIdempotencyKey(undefined)).toBeUndefined();
  });

  it.each([[''], ['has space'], ['x'.repeat(129)], ['khóa']])('refuses %j', (value) => {
    expect(() => parseIdempotencyKey(value)).toThrow(
      expect.objectContaining({
        status: 400,
        extras: { errors: [expect.objectContaining({ field: 'Idempotency-Key' })] },
      }),
    );
  });
});
