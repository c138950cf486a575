import type { MessageText } from './message-text';

/** Messages of the HTTP edge's and the application's refusals and field messages. */
export const REQUEST_MESSAGES = {} as const satisfies Record<string, MessageText>;
