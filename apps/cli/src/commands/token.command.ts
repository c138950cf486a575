import type { Command } from 'commander';
import { ROLES, isRole, parseTtl, resolveAuthSecret, signToken } from '@ketnap/engine';
import { isUnitId } from '@ketnap/domain';
import { UsageError } from '../cli-errors';
import { got, say } from '../cli-text';
import { cliConfig } from '../cli-config';

interface TokenOptions {
  sub: string;
  role: string;
  unit?: string[];
  name?: string;
  ttl: string;
}

/**
 * `ketnap token --sub ID --role ROLE [--unit ID ...] [--name NAME] [--ttl 8h]`: prints a JWT signed with
 * the server's secret (same `KETNAP_DATA_DIR` / `AUTH_SECRET`; created as the server would when missing).
 */
export function registerToken(program: Command, out: (line: string) => void): void {
  program
    .command('token')
    .description("print a bearer token signed with the server's secret")
    .requiredOption('--sub <id>', 'subject: the user or system the token stands for')
    .requiredOption('--role <role>', `one of ${ROLES.join(', ')}`)
    .option('--unit <id...>', 'a unit the actor may act for (repeatable)')
    .option('--name <name>', 'display name')
    .option('--ttl <ttl>', 'lifetime with its unit: 90s, 30m, 8h, 7d; at most AUTH_MAX_TTL (default 30d)', '8h')
    .action(async (options: TokenOptions) => {
      if (!isRole(options.role)) throw new UsageError(say('cli.token.role', { roles: ROLES, got: got(options.role) }));
      // A bare number would be seconds: `--ttl 8` meant as 8 hours gives a token dead in 8 s.
      const ttl = /^\d+[smhd]$/.test(options.ttl) ? parseTtl(options.ttl) : undefined;
      if (ttl === undefined) throw new UsageError(say('cli.token.ttl', { got: got(options.ttl) }));
      const units = options.unit ?? [];
      const bad = units.find((unit) => !isUnitId(unit));
      if (bad !== undefined) throw new UsageError(say('cli.token.unit', { got: got(bad) }));
      if (options.sub.trim() === '') throw new UsageError(say('cli.token.sub'));
      const config = cliConfig();
      // The server would refuse such a token: say so now rather than print one that never works.
      if (ttl > config.authMaxTtlSeconds) {
        throw new UsageError(say('cli.token.ttlTooLong', { ttl: options.ttl, max: config.authMaxTtlSeconds }));
      }
      const secret = resolveAuthSecret(config);
      out(
        await signToken(
          secret,
          { sub: options.sub, role: options.role, units, ...(options.name ? { name: options.name } : {}) },
          ttl,
        ),
      );
    });
}
