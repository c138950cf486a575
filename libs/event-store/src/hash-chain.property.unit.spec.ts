import fc from 'fast-check';
import { canonicalJson } from './hash-chain';

/** The canonical text as first defined, key by key: every hash in a stored log was computed this way. */
function reference(value: unknown): string {
  if (value !== null && typeof value === 'object' && typeof (value as { toJSON?: unknown }).toJSON === 'function') {
    return reference((value as { toJSON(): unknown }).toJSON());
  }
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map((item) => reference(item === undefined ? null : item)).join(',')}]`;
  const record = value as Record<string, unknown>;
  const entries = Object.keys(record)
    .filter((key) => record[key] !== undefined)
    .sort()
    .map((key) => `${JSON.stringify(key)}:${reference(record[key])}`);
  return `{${entries.join(',')}}`;
}

/** Keys that JavaScript reorders (array indexes), that sort among them ("1a", "01"), and any text. */
const key = fc.oneof(
  fc.nat({ max: 20 }).map(String),
  fc.constantFrom('1a', '01', '', 'a', 'B', 'khóa', '__proto__x', '__proto__'),
  fc.string(),
);
const value = fc.letrec((tie) => ({
  any: fc.oneof(
    { depthSize: 'small' },
    fc.constantFrom(null, undefined, true, false, 0, -0, 1.5, -7, 1e21, Number.NaN, 'Đảng ủy', ''),
    fc.string(),
    fc.double(),
    fc.date({ noInvalidDate: true }),
    fc.array(tie('any'), { maxLength: 5 }),
    fc.sparseArray(tie('any'), { maxLength: 5 }),
    fc.dictionary(key, tie('any'), { maxKeys: 6 }),
  ),
}));

describe('canonical JSON (property-based)', () => {
  it('writes every value as the key-by-key definition does, sorted or not', () => {
    fc.assert(
      fc.property(value.any, (v) => expect(canonicalJson(v)).toBe(reference(v))),
      { numRuns: 3000 },
    );
  });

  it('writes a stored text parsed back as that same text (what verify and a copy hash)', () => {
    fc.assert(
      fc.property(value.any, (v) => {
        const text = reference(JSON.parse(JSON.stringify(v) ?? 'null'));
        expect(canonicalJson(JSON.parse(text))).toBe(text);
      }),
      { numRuns: 3000 },
    );
  });
});
