import { Logger } from '@nestjs/common';

interface Closable {
  close(): Promise<void>;
}

/** Exit code of a start interrupted by a signal, as a shell reports a process a signal ended. */
const INTERRUPTED: Record<string, number> = { SIGINT: 130, SIGTERM: 143 };

/**
 * On SIGINT or SIGTERM: closes the app given to `closeWith` (shutdown hooks close the store and stop
 * consumers), then exits with code 0; a second signal while closing exits at once with code 130.
 * Before the app is given (the start still checks the port and Redis, opens the store or waits for the
 * worker), the first signal ends the process at once (130 or 143): nothing has been served yet.
 */
export function closeOnSignals(): { closeWith(app: Closable): void } {
  let app: Closable | undefined;
  let closing = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (!app) {
      process.stderr.write(`ketnap: ${signal} received while starting, stopped\n`);
      process.exit(INTERRUPTED[signal] ?? 1);
    }
    if (closing) process.exit(130);
    closing = true;
    Logger.log(`${signal} received, shutting down`, 'ketnap');
    app.close().then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(
          `ketnap: error while shutting down: ${error instanceof Error ? error.message : String(error)}\n`,
        );
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return { closeWith: (started) => void (app = started) };
}
