import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { hasMessage } from '@ketnap/domain';

// The compiler refuses a catalogue key that does not exist where an error is raised or a name is put
// inside a sentence (the keys are typed); this scan holds the same for what the types cannot see: a key a
// DTO names in a validation's `context`, a key that crosses the worker thread, and every raise site,
// however it is typed.
const ROOTS = ['apps', 'libs'].map((dir) => join(__dirname, '..', dir));

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : sources(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts') ? [path] : [];
  });
}

/** Each pattern captures a catalogue key in source: the code or key an error is raised with, or a key literal. */
const RAISED = [
  /new (?:DomainError|PlanError|InspectionCaseError|AccessDeniedError)\(\s*'([^']+)'/g,
  /new RequestError\(\s*'[a-z-]+',\s*'([^']+)'/g,
  /new ProblemException\(\s*\d{3},\s*'([^']+)'/g,
  /(?:requireStep\([^,]+,|notAllowed\(|notEligible\(|fieldError\([^,]+,|this\.fail\([^,]+,)\s*'([^']+)'/g,
  /\bkey: '([^']+)'/g,
  /'([A-Z][A-Z0-9_]+\.[a-z][a-z0-9-]*)'/g,
  /'((?:field|step|stage|previous|obligation|unit-kind|parent-kinds|why|body|resource|plan|correction)\.[a-z][a-z0-9-]*)'/g,
];

describe('catalogue keys in the source', () => {
  const found = ROOTS.flatMap(sources).flatMap((file) => {
    const text = readFileSync(file, 'utf8');
    return RAISED.flatMap((pattern) =>
      [...text.matchAll(pattern)].map((match) => ({ file: relative(join(__dirname, '..'), file), key: match[1] })),
    );
  });

  it('finds the raise sites (the scan is not vacuous)', () => {
    expect(new Set(found.map((f) => f.key)).size).toBeGreaterThan(100);
    expect(found.map((f) => f.key)).toEqual(
      expect.arrayContaining(['STEP_OUT_OF_ORDER.ceremony-recorded', 'VALIDATION_FAILED', 'field.required']),
    );
  });

  it('raises no code and names no message the catalogue lacks', () => {
    expect(found.filter((f) => !hasMessage(f.key))).toEqual([]);
  });
});
