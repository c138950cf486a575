import { CommanderError } from 'commander';

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

/** One line for stderr: the message without the stack, newlines folded. */
export function oneLine(error: unknown): string {
  if (error instanceof CommanderError && error.code === 'commander.help')
    return 'a command is missing (ketnap --help lists them)';
  const message = error instanceof Error ? error.message : String(error);
  return message
    .replace(/^error: /, '')
    .replace(/\s*\n\s*/g, ' ')
    .trim();
}
