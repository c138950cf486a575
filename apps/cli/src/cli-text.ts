import { messageOf, type Locale, type MessageKey, type MessageParams } from '@ketnap/domain';

/**
 * The CLI's language: Vietnamese, or English with `KETNAP_LANG=en`. `LANG` and `LC_ALL` are not
 * followed: most office machines run an English system locale for a Vietnamese reader.
 */
export const cliLocale = (env: NodeJS.ProcessEnv = process.env): Locale =>
  env.KETNAP_LANG?.toLowerCase().startsWith('en') ? 'en' : 'vi';

/** A message of the catalogue (`cli.*`) in the CLI's language. */
export const say = (key: MessageKey, params: MessageParams = {}): string => messageOf(key, params, cliLocale())!;

/** A value as the user typed it, quoted, for "(got …)". */
export const got = (value: string): string => JSON.stringify(value);
