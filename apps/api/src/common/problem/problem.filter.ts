import { Catch, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { pathOf } from '../request/api-request';
import { problemOf } from './problem-of';
import { PROBLEM_CONTENT_TYPE } from './problem';

const logger = new Logger('http');

/**
 * Answers an error as `application/problem+json`, wherever it was thrown (a route, a hook before the
 * routes, a body parser). Faults (500) are logged with the method, the route and the stack, never the
 * body or the query (they may hold personal data).
 */
export function answerProblem(error: unknown, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const { problem, headers, unexpected } = problemOf(error);
  if (unexpected) {
    const route = request.routeOptions?.url ?? pathOf(request);
    logger.error(
      `${request.method} ${route} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
    );
  }
  if (reply.sent) return reply;
  return reply
    .code(problem.status)
    .headers(headers ?? {})
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
