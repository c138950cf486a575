/**
 * Jest, one config for the three tiers. Pick a tier with --selectProjects or the npm scripts:
 *   *.unit.spec.ts  pure, milliseconds
 *   *.int.spec.ts   real SQLite, PostgreSQL, Redis, child processes
 *   test/*.e2e.spec.ts  the running app over HTTP
 */
const swc = ['@swc/jest', { swcrc: true }];
const moduleNameMapper = {
  '^@ketnap/(domain|event-store|scheduling|projections|engine)$': '<rootDir>/libs/$1/src',
  '^@ketnap/(domain|event-store|scheduling|projections|engine)/testing$': '<rootDir>/libs/$1/src/testing',
};
const base = { rootDir: __dirname, transform: { '^.+\\.ts$': swc }, moduleNameMapper, testEnvironment: 'node' };

module.exports = {
  projects: [
    { ...base, displayName: 'unit', testMatch: ['<rootDir>/{apps,libs,test}/**/*.unit.spec.ts'] },
    { ...base, displayName: 'int', testMatch: ['<rootDir>/{apps,libs,test}/**/*.int.spec.ts'] },
    {
      ...base,
      displayName: 'e2e',
      testMatch: ['<rootDir>/test/**/*.e2e.spec.ts'],
      setupFilesAfterEnv: ['<rootDir>/test/support/e2e-setup.ts'],
    },
  ],
  reporters: ['default', '<rootDir>/test/support/summary-reporter.js'],
  globalSetup: '<rootDir>/test/support/global-setup.js',
  coverageDirectory: 'coverage',
};
