import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { EVENT_SCHEMAS } from '@ketnap/domain';

// DESIGN.md §6: events are read through one decoder (libs/domain/src/events), never by casting raw data.
const ROOT = join(__dirname, '..');
const DECODER = 'libs/domain/src/events/';

const EVENT_TYPES = [
  ...Object.keys(EVENT_SCHEMAS),
  'DomainEvent',
  'DecodedEvent',
  'DecodedEnvelope',
  'DossierEvent',
  'RecordedDossierEvent',
  'StepEvent',
  'InspectionCaseEvent',
];

/** Casts of an event's data, or of anything to an event type, in a source text (comments left out). */
export function eventDataCasts(source: string): string[] {
  const code = source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`])\/\/.*$/gm, '$1');
  const patterns = [
    /\bdata\)?\s+as\s+[\w{[]/,
    /\bas\s+[A-Z]\w*\[['"]data['"]\]/,
    new RegExp(`\\bas\\s+(?:unknown\\s+as\\s+)?(?:${EVENT_TYPES.join('|')})\\b`),
  ];
  return code.split('\n').filter((line) => patterns.some((p) => p.test(line)));
}

/** The code that runs in ketnap: tests (`*.spec.ts`) and their fixtures and harnesses (`testing/`) left out. */
function sources(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return ['node_modules', 'testing'].includes(entry.name) ? [] : sources(path);
    return path.endsWith('.ts') && !path.endsWith('.spec.ts') ? [path] : [];
  });
}

describe('no cast of event data outside the decoder', () => {
  it('finds the casts it looks for, and not words in comments', () => {
    expect(eventDataCasts('const unit = e.data as OrgUnit;')).toHaveLength(1);
    expect(eventDataCasts('const c = (e.data as { by: number }).by;')).toHaveLength(1);
    expect(eventDataCasts("const d = x as CandidateNominated['data'];")).toHaveLength(1);
    expect(eventDataCasts('const s = { type: e.type, data: e.data } as StepEvent;')).toHaveLength(1);
    expect(eventDataCasts('return r as unknown as RecordedDossierEvent;')).toHaveLength(1);
    expect(eventDataCasts('const p = e as ReminderSent;')).toHaveLength(1);
    expect(eventDataCasts('/** its data as canonical JSON */\n// the data as stored')).toEqual([]);
    expect(eventDataCasts('const row = value as unknown as T;')).toEqual([]);
  });

  it('holds in the code of apps/ and libs/ but the decoder module', () => {
    expect(existsSync(join(ROOT, DECODER, 'decode-event.ts'))).toBe(true);
    const found = [...sources('apps'), ...sources('libs')]
      .map((file) => relative(ROOT, join(ROOT, file)))
      .filter((file) => !file.startsWith(DECODER))
      .flatMap((file) =>
        eventDataCasts(readFileSync(join(ROOT, file), 'utf8')).map((line) => `${file}: ${line.trim()}`),
      );
    expect(found).toEqual([]);
  });
});
