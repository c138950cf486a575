import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { Command } from 'commander';
import { KetnapLogger, ketnapVersion } from '@ketnap/engine';
import { registerPlanImport } from './commands/plan-import.command';
import { registerToken } from './commands/token.command';
import { registerProjectionsRebuild } from './commands/projections-rebuild.command';
import { registerDemo } from './commands/demo.command';
import { registerAudit } from './commands/audit.command';
import { registerDoctor } from './commands/doctor.command';
import { registerDossiersImport } from './commands/dossiers-import.command';
import { registerStoreCopy } from './commands/store-copy.command';
import { registerUserAdd } from './commands/user-add.command';
import { registerKeys } from './commands/keys.command';
import { exitCodeOf, oneLine } from './cli-errors';
import { cliConfig } from './cli-config';

/** `ketnap …` (API.md "CLI"): exit 0 ok, 1 failure, 2 bad usage; an error is one line on stderr. */
export async function run(argv: string[]): Promise<number> {
  const out = (line: string) => process.stdout.write(`${line}\n`);
  const program = new Command('ketnap')
    .description('ketnap: party-member admission dossiers')
    .version(ketnapVersion(), '-V, --version', "print ketnap's version")
    .exitOverride()
    .configureOutput({ outputError: () => undefined, writeErr: () => undefined })
    .showHelpAfterError(false);
  registerToken(program, out);
  registerPlanImport(program, out);
  registerProjectionsRebuild(program, out);
  registerDemo(program, out);
  registerAudit(program, out);
  registerDoctor(program, out);
  registerDossiersImport(program, out);
  registerStoreCopy(program, out);
  registerUserAdd(program, out);
  registerKeys(program, out);
  program.commands.forEach(function exitOverride(command: Command) {
    command.exitOverride().configureOutput({ outputError: () => undefined, writeErr: () => undefined });
    command.commands.forEach(exitOverride);
  });
  try {
    await program.parseAsync(argv);
    return 0;
  } catch (error) {
    const code = exitCodeOf(error);
    if (code !== 0) process.stderr.write(`ketnap: ${oneLine(error)}\n`);
    return code;
  }
}

/**
 * The commands' Nest contexts log through ketnap's logger (errors only, as each command asks); bad configuration
 * is the command's to report.
 */
function cliLogger(): KetnapLogger {
  try {
    return KetnapLogger.of(cliConfig());
  } catch {
    return new KetnapLogger({ format: process.stdout.isTTY ? 'pretty' : 'json', level: 'error' });
  }
}

Logger.overrideLogger(cliLogger());
void run(process.argv).then((code) => process.exit(code));
