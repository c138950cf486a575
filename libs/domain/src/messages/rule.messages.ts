import type { MessageText } from './message-text';

/** Messages of the procedure rules' refusals (libs/domain), by rule code. */
export const RULE_MESSAGES = {} as const satisfies Record<string, MessageText>;
