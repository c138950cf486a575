import type { Locale, MessageParams, MessageText } from './message-text';
import { renderTemplate } from './render-message';
import { CLI_MESSAGES } from './cli.messages';
import { REQUEST_MESSAGES } from './request.messages';
import { RULE_MESSAGES } from './rule.messages';

/**
 * The one catalogue of messages people read (problem `detail`, field messages, CLI errors and hints),
 * keyed by a stable code: a rule code (`VOTE_THRESHOLD_NOT_MET`), an API or CLI code, or a code with a
 * variant after a dot (`STEP_OUT_OF_ORDER.already-recorded`). Each area keeps its entries in a file of
 * its own (`*.messages.ts`); a key is in one of them only.
 */
export const MESSAGES = {
  ...RULE_MESSAGES,
  ...REQUEST_MESSAGES,
  ...CLI_MESSAGES,
} as const satisfies Record<string, MessageText>;

export type MessageKey = keyof typeof MESSAGES & string;

/** Whether the catalogue has a message under `key`. */
export const hasMessage = (key: string): key is MessageKey => Object.hasOwn(MESSAGES, key);

/** The message under `key` in `locale`, its parameters filled in; `undefined` for a key the catalogue lacks. */
export function messageOf(key: string, params: MessageParams, locale: Locale): string | undefined {
  if (!hasMessage(key)) return undefined;
  const text: MessageText = MESSAGES[key];
  return renderTemplate(text[locale], params, locale);
}
