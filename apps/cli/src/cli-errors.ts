import { CommanderError } from 'commander';
import { errorMessageOf, type MessageKey } from '@ketnap/domain';
import { ConfigError } from '@ketnap/engine';
import { cliLocale, say } from './cli-text';

/** The command line is wrong (exit code 2). */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;

/** Exit code of an error: 2 for bad usage, 0 for help and version, 1 for anything else. */
export function exitCodeOf(error: unknown): number {
  if (error instanceof UsageError) return EXIT_USAGE;
  if (error instanceof CommanderError) {
    return ['commander.helpDisplayed', 'commander.version'].includes(error.code) ? EXIT_OK : EXIT_USAGE;
  }
  return EXIT_FAILURE;
}

/** Commander's usage errors, by code, in the catalogue: the quoted word of its message fills `{name}`. */
const COMMANDER: Record<string, [MessageKey, string]> = {
  'commander.unknownCommand': ['cli.unknownCommand', 'command'],
  'commander.unknownOption': ['cli.unknownOption', 'option'],
  'commander.missingMandatoryOptionValue': ['cli.missingOption', 'option'],
  'commander.optionMissingArgument': ['cli.optionMissingValue', 'option'],
  'commander.missingArgument': ['cli.missingArgument', 'argument'],
  'commander.excessArguments': ['cli.excessArguments', 'command'],
};

/** One line for stderr, in the CLI's language: the message without the stack, newlines folded. */
export function oneLine(error: unknown): string {
  if (error instanceof CommanderError && error.code === 'commander.help') return say('cli.missingCommand');
  if (error instanceof CommanderError && COMMANDER[error.code]) {
    const [key, name] = COMMANDER[error.code];
    const quoted = /'([^']+)'/.exec(error.message)?.[1];
    if (quoted !== undefined) return say(key, { [name]: quoted.replace(/ <.*>$/, '') });
  }
  if (error instanceof ConfigError) return say('cli.invalidConfig', { detail: error.message });
  // A refusal of the domain or the application carries its catalogue key: said in the CLI's language.
  const message = error instanceof Error ? errorMessageOf(error, cliLocale()) : String(error);
  return message
    .replace(/^error: /, '')
    .replace(/\s*\n\s*/g, ' ')
    .trim();
}
