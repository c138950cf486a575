/**
 * `describe` for a service the test run is pointed at by an environment variable rather than probed
 * (EventStoreDB, which CI does not provide): it runs when the variable is set; otherwise it prints why
 * it skipped and registers the suite skipped with the reason in its title, as `describeWithService`
 * (test/support/services.ts) does for PostgreSQL and Redis. KETNAP_REQUIRE_SERVICES does not make it
 * a failure: the service is optional.
 */
export function describeWithEnv(variable: string, title: string, body: (value: string) => void): void {
  const value = process.env[variable];
  if (value) {
    describe(title, () => body(value));
    return;
  }
  process.stdout.write(`SKIPPED "${title}": ${variable} is not set\n`);
  describe.skip(`${title} [skipped: ${variable} is not set]`, () => body(''));
}
