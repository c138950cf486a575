import type { Locale, MessageParam, MessageParams } from './message-text';

/** One formatter per language, made once: `toLocaleString` with options builds a new one on every call. */
const NUMBER_FORMAT: Record<Locale, Intl.NumberFormat> = {
  vi: new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 2 }),
  en: new Intl.NumberFormat('en-GB', { maximumFractionDigits: 2 }),
};
const LEGAL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const PLACEHOLDER = /\{([A-Za-z][A-Za-z0-9]*)\}/g;

/** A parameter as a reader of `locale` writes it: `10.000` and `31/12/2024` in Vietnamese. */
export function formatParam(value: MessageParam, locale: Locale): string {
  if (Array.isArray(value)) return value.map((item: MessageParam) => formatParam(item, locale)).join(', ');
  if (typeof value === 'number') return NUMBER_FORMAT[locale].format(value);
  if (typeof value === 'object' && value !== null && 'key' in value) return value.key;
  if (typeof value === 'string' && locale === 'vi') {
    const date = LEGAL_DATE.exec(value);
    if (date) return `${date[3]}/${date[2]}/${date[1]}`;
  }
  return value === null || value === undefined ? '' : String(value as string | boolean);
}

/** The parameter names a template uses, sorted. */
export function placeholdersOf(template: string): string[] {
  return [...new Set([...template.matchAll(PLACEHOLDER)].map((match) => match[1]))].sort();
}

/** Fills a template's `{name}` placeholders; a parameter the caller did not give stays visible as `{name}`. */
export function renderTemplate(template: string, params: MessageParams, locale: Locale): string {
  return template.replace(PLACEHOLDER, (whole, name: string) =>
    Object.hasOwn(params, name) ? formatParam(params[name], locale) : whole,
  );
}
