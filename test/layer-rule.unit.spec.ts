import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

// The layer rule of DESIGN.md §2 runs in `npm test` (npm run lint); this proves it rejects violations.
const cases: Array<[string, string, string]> = [
  ['libs/domain/src/bad.ts', "import { Injectable } from '@nestjs/common';\nexport const x = Injectable;\n", 'no Nest'],
  ['libs/domain/src/bad.ts', "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n", 'no I/O'],
  [
    'libs/domain/src/bad.ts',
    "import { EVENT_STORE } from '@ketnap/event-store';\nexport const x = EVENT_STORE;\n",
    'no other lib',
  ],
  ['libs/domain/src/bad.ts', 'export const now = Date.now();\n', 'no clock'],
  ['libs/domain/src/bad.ts', 'export const now = new Date();\n', 'no clock'],
  ['libs/domain/src/bad.ts', 'export const id = Math.random();\n', 'no randomness'],
  [
    'libs/event-store/src/bad.ts',
    "import { EngineModule } from '@ketnap/engine';\nexport const x = EngineModule;\n",
    'domain only',
  ],
  [
    'libs/projections/src/bad.ts',
    "import { EngineModule } from '@ketnap/engine';\nexport const x = EngineModule;\n",
    'engine',
  ],
  [
    'libs/engine/src/bad.ts',
    "import { start } from '../../../apps/api/src/main';\nexport const x = start;\n",
    'Nothing imports an app',
  ],
  ['apps/api/src/bad.ts', "import { x } from '../../worker/src/main';\nexport const y = x;\n", 'another app'],
  [
    'test/bad.ts',
    "import { ManualClock } from '../libs/engine/src/clock/clock';\nexport const x = ManualClock;\n",
    'path into it',
  ],
  [
    'libs/engine/src/bad.ts',
    "import { MAIN_LINE } from '../../domain/src/testing/fixtures';\nexport const x = MAIN_LINE;\n",
    'path into it',
  ],
  [
    'apps/api/src/bad.ts',
    "import { MAIN_LINE } from '@ketnap/domain/testing';\nexport const x = MAIN_LINE;\n",
    'test helpers',
  ],
];
const allowed: Array<[string, string]> = [
  ['libs/engine/src/ok.ts', "import { EVENT_STORE } from '@ketnap/event-store';\nexport const x = EVENT_STORE;\n"],
  [
    'libs/domain/src/ok.ts',
    "import { addDays } from './time/local-date';\nexport const x = addDays('2024-01-01', 1);\n",
  ],
  ['apps/api/src/ok.ts', "import { loadConfig } from '@ketnap/engine';\nexport const x = loadConfig;\n"],
  [
    'test/ok.ts',
    "import { ManualClock } from '@ketnap/engine';\nimport { MAIN_LINE } from '@ketnap/domain/testing';\nexport const x = [ManualClock, MAIN_LINE];\n",
  ],
];

function lint(texts: Array<[string, string]>): string[][] {
  const input = JSON.stringify(texts.map(([filePath, code]) => ({ filePath, code })));
  const output = execFileSync(process.execPath, [join(__dirname, 'support', 'lint-texts.mjs')], {
    input,
    encoding: 'utf8',
  });
  return JSON.parse(output) as string[][];
}

describe('promise rules (type-aware)', () => {
  it("rejects a floating promise and a promise handed where a callback's result is ignored", () => {
    const [floating, misused, awaited] = lint([
      ['libs/engine/src/bad.ts', 'async function f(): Promise<void> {}\nexport function g(): void {\n  f();\n}\n'],
      [
        'libs/engine/src/bad.ts',
        "import { EventEmitter } from 'node:events';\nnew EventEmitter().on('x', async () => {});\n[1].forEach(async () => {});\n",
      ],
      [
        'libs/engine/src/ok.ts',
        'async function f(): Promise<void> {}\nexport async function g(): Promise<void> {\n  await f();\n}\n',
      ],
    ]);
    expect(floating.join('\n')).toMatch(/no-floating-promises/);
    expect(misused.join('\n')).toMatch(/no-misused-promises/);
    expect(awaited).toEqual([]);
  }, 60_000);
});

describe('layer rule', () => {
  let results: string[][];
  beforeAll(() => {
    results = lint([...cases.map(([file, code]) => [file, code] as [string, string]), ...allowed]);
  }, 60_000);

  it.each(cases.map((c, i) => [...c, i] as const))(
    'rejects a forbidden import or call in %s: %j (%s)',
    (_file, _code, reason, index) => {
      const errors = results[index];
      expect(errors.some((e) => /no-restricted-(imports|properties|syntax)/.test(e))).toBe(true);
      expect(errors.join('\n')).toMatch(new RegExp(reason.split(' ')[0], 'i'));
    },
  );

  it('accepts the allowed direction', () => {
    expect(results.slice(cases.length)).toEqual(allowed.map(() => []));
  });
});
