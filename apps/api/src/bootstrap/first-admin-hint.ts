import { Logger } from '@nestjs/common';
import type { INestApplicationContext } from '@nestjs/common';
import { EVENT_STORE, type EventStore } from '@ketnap/event-store';
import { UsersDirectory } from '@ketnap/projections';

const POLL_MS = 250;
/** How long to wait for the users read model to catch up before saying nothing (a long rebuild). */
const GIVE_UP_MS = 10 * 60_000;

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms).unref());

/**
 * Says, once, how to create the first admin when the store holds no user yet (API.md "Accounts"):
 * in the background, once the users read model has applied the log as it was at start.
 */
export async function hintFirstAdmin(app: INestApplicationContext): Promise<void> {
  const directory = app.get(UsersDirectory);
  const head = await app.get<EventStore>(EVENT_STORE).headPosition();
  for (const until = Date.now() + GIVE_UP_MS; Date.now() < until; await pause(POLL_MS)) {
    const position = await directory.position();
    if (position === undefined || position < head) continue;
    if ((await directory.list()).length > 0) return;
    Logger.log(
      "no user yet: create the first admin with `printf '%s\\n' 'PASSWORD' | npx ketnap user add admin --role admin` " +
        '(same KETNAP_DATA_DIR), then log in with POST /api/v1/auth/login',
      'ketnap',
    );
    return;
  }
}
