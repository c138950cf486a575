import type { MessageKey } from './catalogue';

/** A language people read ketnap's messages in: Vietnamese by default, English on request. */
export type Locale = 'vi' | 'en';

export const LOCALES: readonly Locale[] = ['vi', 'en'];

export const DEFAULT_LOCALE: Locale = 'vi';

/**
 * One message of the catalogue in each language. A template names its parameters in braces
 * (`{votesFor}`); both languages use the same parameters.
 */
export interface MessageText {
  readonly vi: string;
  readonly en: string;
}

/**
 * A message not rendered yet: its catalogue key and parameters. As a parameter of another message it
 * is rendered in the same language (a step's or a stage's name inside a sentence).
 */
export interface MessageRef {
  readonly key: MessageKey;
  readonly params?: MessageParams;
}

/** A value a message shows: numbers and legal dates are written the way each language writes them. */
export type MessageParam =
  string | number | boolean | null | undefined | readonly (string | number | MessageRef)[] | MessageRef;

export type MessageParams = Readonly<Record<string, MessageParam>>;

/**
 * An error that people read: it carries its catalogue key and parameters, rendered where it is shown
 * (the HTTP edge, the CLI) in the reader's language; its `message` is the English rendering, for logs.
 */
export interface Localizable {
  readonly messageKey: string;
  readonly messageParams: MessageParams;
}

export const isLocalizable = (error: unknown): error is Localizable =>
  typeof error === 'object' &&
  error !== null &&
  typeof (error as Localizable).messageKey === 'string' &&
  typeof (error as Localizable).messageParams === 'object';
