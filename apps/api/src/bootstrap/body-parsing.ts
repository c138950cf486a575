import type { FastifyBodyParser, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ProblemException } from '../common/problem/problem';
import { answerProblem } from '../common/problem/problem.filter';
import { pathOf } from '../common/request/api-request';

/** The largest body accepted, JSON or tab-separated text, in bytes (1 MiB): beyond it, 413. */
export const BODY_LIMIT = 1024 * 1024;

export const TSV = 'text/tab-separated-values';
/** Routes that also take the published tab-separated table. */
const TSV_ROUTES = /^\/api\/v1\/(plans\/|committees\/[^/]+\/plans\/)/;

/**
 * The bodies the API reads: JSON (`application/json` and `application/*+json`) everywhere, malformed
 * JSON a 400 `MALFORMED_JSON`, and the published tab-separated table on `PUT /plans/{year}` and `PUT /committees/{id}/plans/{year}` only; any
 * other type is 415 before the body is read (Fastify refuses a type no parser reads).
 */
export function registerBodyParsing(fastify: FastifyInstance): void {
  const json = fastify.getDefaultJsonParser('error', 'error');
  // An empty body is no body (as a client that sends only the header means), not malformed JSON.
  const parse: FastifyBodyParser<string> = (req, body, done) =>
    body === ''
      ? done(null, undefined)
      : json(req, body, (error, value) =>
          error ? done(new ProblemException(400, 'MALFORMED_JSON')) : done(null, value),
        );
  // Fastify reads text/plain by default: no route takes it, so it is a 415 like any other type.
  fastify.removeContentTypeParser(['application/json', 'text/plain']);
  fastify.addContentTypeParser('application/json', { parseAs: 'string' }, parse);
  fastify.addContentTypeParser(/^application\/[\w.-]+\+json$/, { parseAs: 'string' }, parse);
  fastify.addContentTypeParser(TSV, { parseAs: 'string' }, (_req, body, done) => done(null, body));
  fastify.addHook('onRequest', (req: FastifyRequest, reply: FastifyReply, done: () => void) => {
    if (req.headers['content-type']?.toLowerCase().startsWith(TSV) && !TSV_ROUTES.test(pathOf(req))) {
      answerProblem(new ProblemException(415, 'UNSUPPORTED_MEDIA_TYPE'), req, reply);
      return;
    }
    done();
  });
}
