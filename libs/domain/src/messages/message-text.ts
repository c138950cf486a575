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

/** A value a message shows: numbers and legal dates are written the way each language writes them. */
export type MessageParam = string | number | boolean | null | undefined | readonly (string | number)[];

export type MessageParams = Readonly<Record<string, MessageParam>>;
