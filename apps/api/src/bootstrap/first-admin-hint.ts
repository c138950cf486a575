import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { EVENT_STORE, type EventStore } from '@ketnap/event-store';
import { UsersDirectory } from '@ketnap/projections';

const POLL_MS = 250;
/** How long to wait for the users read model to catch up before saying nothing (a long rebuild). */
const GIVE_UP_MS = 10 * 60_000;

/**
 * Says, once, how to create the first admin when the store holds no user yet (API.md "Accounts"): in
 * the background, once the users read model has applied the log as it was at start (wherever the
 * worker runs). It stops looking when the app closes.
 */
@Injectable()
export class FirstAdminHint implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('ketnap');
  private closed = false;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly directory: UsersDirectory,
  ) {}

  onApplicationBootstrap(): void {
    void this.watch().catch((error: unknown) => {
      if (!this.closed)
        this.logger.warn(
          `could not tell whether a user exists: ${error instanceof Error ? error.message : String(error)}`,
        );
    });
  }

  onApplicationShutdown(): void {
    this.closed = true;
  }

  private async watch(): Promise<void> {
    const head = await this.store.headPosition();
    for (const until = Date.now() + GIVE_UP_MS; !this.closed && Date.now() < until; await pause(POLL_MS)) {
      const position = await this.directory.position();
      if (position === undefined || position < head) continue;
      if ((await this.directory.list()).length > 0) return;
      this.logger.log(
        "no user yet: create the first admin with `printf '%s\\n' 'PASSWORD' | npx ketnap user add admin --role admin` " +
          '(same KETNAP_DATA_DIR), then log in with POST /api/v1/auth/login',
      );
      return;
    }
  }
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms).unref());
