import { Catch, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { pathOf } from '../request/api-request';
import { preferredLocale } from '../request/negotiation';
import { varyOnLanguage } from '../request/reply-language';
import { problemOf } from './problem-of';
import { PROBLEM_CONTENT_TYPE } from './problem';

const logger = new Logger('http');

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
    // The stack apart from the message: a JSON line holds it in its own `stack` field.
    const [message, stack] = error instanceof Error ? [error.message, error.stack] : [String(error), undefined];
    logger.error(`${request.method} ${route} failed: ${message}`, stack);
  }
  if (reply.sent) return reply;
  reply
    .code(problem.status)
    .headers({ ...headers, 'Content-Language': locale, Vary: varyOnLanguage(reply) })
    .type(`${PROBLEM_CONTENT_TYPE}; charset=utf-8`);
  afterUnreadBody(request, () => {
    if (!reply.sent) reply.send(JSON.stringify(problem));
  });
  return reply;
}

/** The most of a refused body read and dropped (and how long it may take) so that its sender hears the answer. */
const DRAIN_BYTES = 8 * 1024 * 1024;
const DRAIN_MS = 10_000;

/**
 * Runs `answer` once the request's body is off the wire. A body refused unread (too large, a media type no
 * route reads) is still arriving when the answer is ready, and the connection closes after it: a client
 * still writing then fails (EPIPE or a reset) without ever reading the 413. So the rest of the body is read
 * and dropped first, up to {@link DRAIN_BYTES} or {@link DRAIN_MS}; past either, the answer goes at once
 * and the connection is cut, as before.
 */
function afterUnreadBody(request: FastifyRequest, answer: () => void): void {
  const raw = request.raw;
  const declared = Number(raw.headers['content-length'] ?? Number.NaN);
  const unread =
    !raw.complete && !raw.readableEnded && (raw.headers['transfer-encoding'] !== undefined || declared > 0);
  if (!unread || declared > DRAIN_BYTES) return answer();
  let read = 0;
  const finish = () => {
    clearTimeout(timer);
    raw.off('data', count).off('end', finish).off('error', finish).off('close', finish);
    answer();
  };
  const count = (chunk: Buffer) => {
    read += chunk.length;
    if (read > DRAIN_BYTES) finish();
  };
  const timer = setTimeout(finish, DRAIN_MS);
  raw.on('data', count).once('end', finish).once('error', finish).once('close', finish);
  raw.resume();
}

/** Every error of every route answered as a problem (see {@link answerProblem}). */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  catch(error: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    answerProblem(error, http.getRequest<FastifyRequest>(), http.getResponse<FastifyReply>());
  }
}
