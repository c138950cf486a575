// The layer rule (DESIGN.md §2), kept apart so a test can prove it rejects a deliberate violation.
// Dependency direction: apps -> engine -> {projections, scheduling} -> event-store -> domain.
// Nothing imports an app.
const lib = (name) => [`@ketnap/${name}`, `@ketnap/${name}/**`, `**/libs/${name}/**`, `../../${name}/**`];
const anyApp = ['**/apps/**', '**/api/src/**', '**/worker/src/**', '**/cli/src/**'];
const io = [
  'fs',
  'fs/*',
  'node:*',
  'child_process',
  'http',
  'https',
  'net',
  'better-sqlite3',
  'pg',
  'ioredis',
  'bullmq',
];

// Another lib is reached through its entry point (`@ketnap/<lib>`, and `@ketnap/<lib>/testing` for
// test helpers), never by a path into its folder.
const LIBS = ['domain', 'event-store', 'scheduling', 'projections', 'engine'];
const insides = ['**/libs/**', ...LIBS.map((name) => `**/${name}/src/**`)];
const INSIDES_MESSAGE =
  'Import a lib through @ketnap/<lib> (test helpers: @ketnap/<lib>/testing), never a path into it.';

const restrict = (patterns, message) => [
  'error',
  {
    patterns: [
      ...(patterns.length > 0 ? [{ group: patterns, message }] : []),
      { group: insides, message: INSIDES_MESSAGE },
    ],
  },
];

export const layerRules = [
  {
    files: ['libs/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict(
        [
          ...lib('event-store'),
          ...lib('scheduling'),
          ...lib('projections'),
          ...lib('engine'),
          ...anyApp,
          '@nestjs/*',
          ...io,
        ],
        'libs/domain is pure: no Nest, no I/O, no other lib (DESIGN.md §2).',
      ),
      'no-restricted-properties': [
        'error',
        { object: 'Date', property: 'now', message: 'No clock in the domain: pass `now` in.' },
        { object: 'Math', property: 'random', message: 'No randomness in the domain: pass ids in.' },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: "NewExpression[callee.name='Date'][arguments.length=0]",
          message: 'No clock in the domain: pass `now` in.',
        },
      ],
    },
  },
  {
    files: ['libs/event-store/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict(
        [...lib('scheduling'), ...lib('projections'), ...lib('engine'), ...anyApp],
        'libs/event-store depends on the domain only (DESIGN.md §2).',
      ),
    },
  },
  {
    files: ['libs/scheduling/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict(
        [...lib('projections'), ...lib('engine'), ...anyApp],
        'libs/scheduling depends on the domain and the event store only (DESIGN.md §2).',
      ),
    },
  },
  {
    files: ['libs/projections/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict(
        [...lib('scheduling'), ...lib('engine'), ...anyApp],
        'libs/projections may not import the engine, the scheduler or an app (DESIGN.md §2).',
      ),
    },
  },
  {
    files: ['libs/engine/**/*.ts'],
    rules: { 'no-restricted-imports': restrict(anyApp, 'Nothing imports an app (DESIGN.md §2).') },
  },
  {
    files: ['apps/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict(
        ['**/libs/**', '@ketnap/*/**', '../../api/**', '../../worker/**', '../../cli/**'],
        "Apps import libs through @ketnap/<lib>, never a lib's insides, its test helpers or another app.",
      ),
    },
  },
  {
    files: ['test/**/*.ts', 'bench/**/*.ts'],
    rules: { 'no-restricted-imports': restrict([], INSIDES_MESSAGE) },
  },
];
