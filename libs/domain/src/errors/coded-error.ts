import { codeOfKey, englishOf, type KeyOfCode, type MessageKey } from '../messages/catalogue';
import type { Localizable, MessageParams } from '../messages/message-text';

/**
 * A refusal with a stable `code` (clients switch on it), a message for people and the `details`
 * behind it. The message is a catalogue key of the code (`STEP_OUT_OF_ORDER.ceremony-recorded`, the
 * compiler refuses a key the catalogue lacks) and its parameters, rendered in the reader's language
 * where it is shown; `message` is its English rendering, for logs. Each vocabulary of codes is a
 * subclass with its own `name`, which is how the HTTP edge and the CLI tell them apart.
 */
export abstract class CodedError<C extends string> extends Error implements Localizable {
  readonly code: C;
  readonly messageKey: MessageKey;
  readonly messageParams: MessageParams;

  constructor(key: KeyOfCode<C>, params?: MessageParams, details?: Record<string, unknown>);
  /** A refusal of `code` told by a message of its own (a rule broken by a correction, with the rule's message inside). */
  constructor(key: MessageKey, params: MessageParams, details: Record<string, unknown> | undefined, code: C);
  constructor(
    key: MessageKey,
    params: MessageParams = {},
    readonly details?: Record<string, unknown>,
    code?: C,
  ) {
    super(englishOf(key, params));
    this.code = code ?? codeOfKey<C>(key as KeyOfCode<C>);
    this.messageKey = key;
    this.messageParams = params;
  }
}
