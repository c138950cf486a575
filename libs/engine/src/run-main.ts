import { ConfigError } from './config/config';
import { StartCheckError } from './start-checks';

/**
 * Runs an app's start function. Bad configuration, a port in use or an unreachable service ends the
 * process with exit code 1 and one line on stderr naming the variable; any other start failure is
 * printed whole.
 */
export function runMain(start: () => Promise<unknown>): void {
  start().catch((error: unknown) => {
    if (error instanceof StartCheckError) {
      process.stderr.write(`ketnap: cannot start: ${error.message}\n`);
    } else if (error instanceof ConfigError) {
      process.stderr.write(`ketnap: invalid configuration: ${error.message}\n`);
    } else {
      process.stderr.write(
        `ketnap: failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
      );
    }
    process.exit(1);
  });
}
