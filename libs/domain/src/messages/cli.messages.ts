import type { MessageText } from './message-text';

/** Messages of the command line's errors, hints and reports. */
export const CLI_MESSAGES = {} as const satisfies Record<string, MessageText>;
