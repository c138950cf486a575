import { Catch, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { pathOf } from '../request/api-request';
import { preferredLocale } from '../request/negotiation';
import { problemOf } from './problem-of';
import { PROBLEM_CONTENT_TYPE } from './problem';

const logger = new Logger('http');

/** `Vary` with `Accept-Language` added to what the reply already varies on. */
function varyOnLanguage(reply: FastifyReply): string {
  const vary = reply.getHeader('vary');
  const named = (Array.isArray(vary) ? vary.join(',') : String(vary ?? ''))
    .split(',')
    .map((v) => v.trim())
    .filter(Boolean);
  if (named.some((v) => v === '*' || v.toLowerCase() === 'accept-language')) return named.join(', ');
  return [...named, 'Accept-Language'].join(', ');
}

/**
 * Answers an error as `application/problem+json`, wherever it was thrown (a route, a hook before the
 * routes, a body parser), its messages in the language of `Accept-Language` (Vietnamese by default),
 * which `Content-Language` names. Faults (500) are logged with the method, the route and the stack,
 * never the body or the query (they may hold personal data).
 */
export function answerProblem(error: unknown, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const locale = preferredLocale(request.headers['accept-language']);
  const { problem, headers, unexpected } = problemOf(error, locale);
  if (unexpected) {
    const route = request.routeOptions?.url ?? pathOf(request);
    logger.error(
      `${request.method} ${route} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
    );
  }
  if (reply.sent) return reply;
  return reply
    .code(problem.status)
    .headers({ ...headers, 'Content-Language': locale, Vary: varyOnLanguage(reply) })
    .type(`${PROBLEM_CONTENT_TYPE}; charset=utf-8`)
    .send(JSON.stringify(problem));
}

/** Every error of every route answered as a problem (see {@link answerProblem}). */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  catch(error: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    answerProblem(error, http.getRequest<FastifyRequest>(), http.getResponse<FastifyReply>());
  }
}
