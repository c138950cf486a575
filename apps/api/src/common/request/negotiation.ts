import { DEFAULT_LOCALE, LOCALES, type Locale } from '@ketnap/domain';

/**
 * The media type of `offered` the client prefers by its `Accept` header (quality, then the order
 * offered); the first offered when the client names none of them or sends no header.
 */
export function preferredType(accept: string | undefined, offered: readonly string[]): string {
  if (!accept) return offered[0];
  const ranges = qualityList(accept);
  const quality = (type: string) => {
    const [main] = type.split('/');
    const matches = ranges.filter(({ range }) => range === type || range === `${main}/*` || range === '*/*');
    return matches.length === 0 ? 0 : Math.max(...matches.map((m) => m.q));
  };
  let best = offered[0];
  let bestQ = -1;
  for (const type of offered) {
    const q = quality(type);
    if (q > bestQ) [best, bestQ] = [type, q];
  }
  return bestQ > 0 ? best : offered[0];
}

/**
 * The language of the messages for an `Accept-Language` header (RFC 9110 12.5.4): the supported
 * language of the highest quality, by its primary tag (`en-US` is English, `vi-VN` Vietnamese), the
 * first named on a tie; Vietnamese when the header is absent or names neither (`*` included).
 */
export function preferredLocale(acceptLanguage: string | string[] | undefined): Locale {
  const header = Array.isArray(acceptLanguage) ? acceptLanguage.join(',') : acceptLanguage;
  if (!header) return DEFAULT_LOCALE;
  let best: Locale = DEFAULT_LOCALE;
  let bestQ = 0;
  for (const { range, q } of qualityList(header)) {
    const primary = range.split('-')[0];
    if (!(LOCALES as readonly string[]).includes(primary)) continue;
    if (Number.isFinite(q) && q > bestQ) [best, bestQ] = [primary as Locale, q];
  }
  return best;
}

/**
 * The items of a header of weighted values (`Accept`, `Accept-Language`; RFC 9110 12.4.2), lower-cased,
 * in the order named, each with its quality: 1 when it names none, 0 when it is not a number.
 */
function qualityList(header: string): { range: string; q: number }[] {
  return header.split(',').map((part) => {
    const [range, ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    return { range: range.trim(), q: q === undefined ? 1 : Number(q.slice(2)) || 0 };
  });
}
