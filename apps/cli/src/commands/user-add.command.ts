import { randomUUID } from 'node:crypto';
import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';
import { NestFactory } from '@nestjs/core';
import type { Command } from 'commander';
import { ROLES, isRole, isUnitId, isUsername, messageOf, passwordError } from '@ketnap/domain';
import { UserAccounts, needsUnits } from '@ketnap/engine';
import { CliModule } from '../cli.module';
import { UsageError } from '../cli-errors';
import { cliLocale, got, say } from '../cli-text';
import { cliConfig } from '../cli-config';

interface UserAddOptions {
  role: string;
  unit?: string[];
  name?: string;
}

/** The actor recorded in the metadata of what the CLI appends. */
const CLI_ACTOR = { sub: 'cli', role: 'admin', unitIds: [] };

/**
 * The first line of standard input: piped (`printf 'secret\n' | ketnap user add …`), or typed at a
 * prompt on a terminal, not echoed. `undefined` when the input ends before any line.
 */
function readPassword(): Promise<string | undefined> {
  const terminal = process.stdin.isTTY === true;
  const muted = new Writable({ write: (_chunk, _encoding, done) => done() });
  const lines = createInterface({ input: process.stdin, output: muted, terminal });
  if (terminal) process.stderr.write(say('cli.user.prompt'));
  return new Promise((resolve) => {
    let line: string | undefined;
    lines.once('line', (text) => {
      line = text;
      lines.close();
    });
    lines.once('close', () => {
      if (terminal) process.stderr.write('\n');
      resolve(line);
    });
  });
}

/**
 * `ketnap user add USERNAME --role ROLE [--unit ID …] [--name N]`: creates the user (or replaces its
 * profile and password) through the same write path as `PUT /users/{username}`, the password read from
 * standard input. The way to create the first admin.
 */
export function registerUserAdd(program: Command, out: (line: string) => void): void {
  program
    .command('user')
    .description('user accounts')
    .command('add')
    .description('create a user, or replace its profile and password; the password is read from standard input')
    .argument('<username>', 'lowercase letters, digits, dots, underscores or dashes')
    .requiredOption('--role <role>', `one of ${ROLES.join(', ')}`)
    .option('--unit <id...>', 'a unit the user acts for (repeatable)')
    .option('--name <name>', 'display name (default: the username)')
    .action(async (username: string, options: UserAddOptions) => {
      if (!isUsername(username)) throw new UsageError(say('cli.user.username', { got: got(username) }));
      if (!isRole(options.role)) throw new UsageError(say('cli.token.role', { roles: ROLES, got: got(options.role) }));
      const units = options.unit ?? [];
      const bad = units.find((unit) => !isUnitId(unit));
      if (bad !== undefined) throw new UsageError(say('cli.token.unit', { got: got(bad) }));
      if (needsUnits(options.role) && units.length === 0)
        throw new UsageError(say('cli.user.units', { role: options.role }));
      const name = options.name?.trim() || username;
      const password = await readPassword();
      const refused = passwordError(password, username);
      if (refused)
        throw new UsageError(
          say('cli.user.password', { reason: messageOf(refused.key, refused.params ?? {}, cliLocale()) }),
        );
      const app = await NestFactory.createApplicationContext(CliModule.forRoot({ ...cliConfig(), worker: false }), {
        logger: ['error'],
      });
      try {
        const accounts = app.get(UserAccounts);
        const existed = (await accounts.state(username)).status !== 'none';
        const user = await accounts.record(
          username,
          { name, role: options.role, units, password },
          { actor: CLI_ACTOR, correlationId: randomUUID() },
        );
        out(
          say(existed ? 'cli.user.updated' : 'cli.user.created', { username, role: user.role, version: user.version }),
        );
      } finally {
        await app.close();
      }
    });
}
