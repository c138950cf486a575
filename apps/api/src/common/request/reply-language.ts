import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Locale } from '@ketnap/domain';
import { preferredLocale } from './negotiation';

/** `Vary` with `Accept-Language` added to what the reply already varies on. */
export function varyOnLanguage(reply: FastifyReply): string {
  const vary = reply.getHeader('vary');
  const named = (Array.isArray(vary) ? vary.join(',') : String(vary ?? ''))
    .split(',')
    .map((v) => v.trim())
    .filter(Boolean);
  if (named.some((v) => v === '*' || v.toLowerCase() === 'accept-language')) return named.join(', ');
  return [...named, 'Accept-Language'].join(', ');
}

/**
 * The language a reply's catalogue messages are written in (`Accept-Language`, Vietnamese by default),
 * named by `Content-Language`; the reply varies on it. A problem and a reply carrying messages (a plan's
 * warnings, a deadline's explanation) choose it the same way.
 */
export function replyLanguage(request: FastifyRequest, reply: FastifyReply): Locale {
  const locale = preferredLocale(request.headers['accept-language']);
  reply.header('Content-Language', locale).header('Vary', varyOnLanguage(reply));
  return locale;
}
