import type { Locale, Localizable, MessageParam, MessageParams, MessageRef, MessageText } from './message-text';
import { renderTemplate } from './render-message';
import { ACCOUNT_MESSAGES } from './account.messages';
import { CLI_MESSAGES } from './cli.messages';
import { FIELD_MESSAGES } from './field.messages';
import { INSPECTION_MESSAGES } from './inspection.messages';
import { PLAN_MESSAGES } from './plan.messages';
import { PLAN_WARNING_MESSAGES } from './plan-warning.messages';
import { CALENDAR_MESSAGES } from './calendar.messages';
import { REQUEST_MESSAGES } from './request.messages';
import { RULE_MESSAGES } from './rule.messages';

/** The catalogue's area files, each holding its own keys (a key is in one of them only). */
export const MESSAGE_AREAS = {
  rule: RULE_MESSAGES,
  plan: PLAN_MESSAGES,
  planWarning: PLAN_WARNING_MESSAGES,
  calendar: CALENDAR_MESSAGES,
  inspection: INSPECTION_MESSAGES,
  account: ACCOUNT_MESSAGES,
  request: REQUEST_MESSAGES,
  field: FIELD_MESSAGES,
  cli: CLI_MESSAGES,
} as const;

/**
 * The one catalogue of messages people read (problem `detail`, field messages, CLI errors and hints),
 * keyed by a stable code: a rule code (`VOTE_THRESHOLD_NOT_MET`), an API or CLI code, or a code with a
 * variant after a dot (`STEP_OUT_OF_ORDER.already-recorded`); field messages and the names used inside
 * sentences (steps, stages) have lower-case keys (`field.required`, `stage.official`). Each area keeps
 * its entries in a file of its own (`*.messages.ts`).
 */
export const MESSAGES = {
  ...RULE_MESSAGES,
  ...PLAN_MESSAGES,
  ...PLAN_WARNING_MESSAGES,
  ...CALENDAR_MESSAGES,
  ...INSPECTION_MESSAGES,
  ...ACCOUNT_MESSAGES,
  ...REQUEST_MESSAGES,
  ...FIELD_MESSAGES,
  ...CLI_MESSAGES,
} as const satisfies Record<string, MessageText>;

export type MessageKey = keyof typeof MESSAGES & string;

/** The keys of a code's messages: the code itself and its variants (`CODE.variant`). */
export type KeyOfCode<C extends string> = Extract<MessageKey, C | `${C}.${string}`>;

/** The code a key belongs to: `STEP_OUT_OF_ORDER` for `STEP_OUT_OF_ORDER.already-recorded`. */
export function codeOfKey<C extends string>(key: KeyOfCode<C>): C {
  const dot = key.indexOf('.');
  return (dot < 0 ? key : key.slice(0, dot)) as C;
}

/** Whether the catalogue has a message under `key`. */
export const hasMessage = (key: string): key is MessageKey => Object.hasOwn(MESSAGES, key);

const isRef = (value: MessageParam): value is MessageRef =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && 'key' in value;

/** Names and sentences inside a message, alone or in a list, rendered in the same language. */
function renderedParams(params: MessageParams, locale: Locale): MessageParams {
  const out: Record<string, MessageParam> = {};
  for (const [name, value] of Object.entries(params)) {
    if (isRef(value)) out[name] = renderMessage(value, locale);
    else if (Array.isArray(value))
      out[name] = value.map((item: string | number | MessageRef) => (isRef(item) ? renderMessage(item, locale) : item));
    else out[name] = value;
  }
  return out;
}

/** A message not rendered yet, in `locale`; its key when the catalogue lacks it (a fault, but readable). */
export const renderMessage = (ref: MessageRef, locale: Locale): string =>
  messageOf(ref.key, ref.params ?? {}, locale) ?? ref.key;

/** The message under `key` in `locale`, its parameters filled in; `undefined` for a key the catalogue lacks. */
export function messageOf(key: string, params: MessageParams, locale: Locale): string | undefined {
  if (!hasMessage(key)) return undefined;
  const text: MessageText = MESSAGES[key];
  return renderTemplate(text[locale], renderedParams(params, locale), locale);
}

/** Messages one a line (an explanation), in `locale`. */
export const renderLines = (lines: readonly MessageRef[], locale: Locale): string =>
  lines.map((line) => renderMessage(line, locale)).join('\n');

/** The English rendering of a key the compiler checked, for an error's `message` (logs, tests). */
export const englishOf = (key: MessageKey, params: MessageParams = {}): string =>
  messageOf(key, params, 'en') as string;

/** What an error says to a reader of `locale`: its catalogue message, or its own `message` when it carries none. */
export function errorMessageOf(error: Localizable | Error, locale: Locale): string {
  if ('messageKey' in error) return messageOf(error.messageKey, error.messageParams, locale) ?? error.messageKey;
  return error.message;
}
