import { Logger } from '@nestjs/common';

/**
 * On SIGINT or SIGTERM: closes the app (shutdown hooks close the store and stop consumers), then exits
 * with code 0. A second signal while closing exits at once with code 130.
 */
export function closeOnSignals(app: { close(): Promise<void> }): void {
  let closing = false;
  const onSignal = (signal: NodeJS.Signals) => {
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
}
