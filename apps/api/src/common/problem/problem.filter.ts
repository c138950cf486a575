import { Catch, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { Request, Response } from 'express';
import { problemOf } from './problem-of';
import { PROBLEM_CONTENT_TYPE } from './problem';

/**
 * Every error of every route answered as `application/problem+json`. Faults (500) are logged with
 * the method, the route and the stack, never the body or the query (they may hold personal data).
 */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger('http');

  catch(error: unknown, host: ArgumentsHost): void {
    const request = host.switchToHttp().getRequest<Request>();
    const response = host.switchToHttp().getResponse<Response>();
    const { problem, headers, unexpected } = problemOf(error);
    if (unexpected) {
      const route = (request.route as { path?: string } | undefined)?.path ?? request.path;
      this.logger.error(
        `${request.method} ${route} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
      );
    }
    if (response.headersSent) return;
    response
      .status(problem.status)
      .set(headers ?? {})
      .type(PROBLEM_CONTENT_TYPE)
      .send(JSON.stringify(problem));
  }
}
