import { json, text, type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import { ProblemException } from '../common/problem/problem';
import { API_PREFIX } from '../common/request/api-request';

/** The largest body accepted, JSON or tab-separated text. */
export const BODY_LIMIT = '1mb';

export const TSV = 'text/tab-separated-values';
const JSON_TYPES = ['application/json', 'application/*+json'];
/** Routes that also take the published tab-separated table. */
const TSV_ROUTES = new RegExp(`^/${API_PREFIX}/plans/`);

/**
 * Refuses a body of a type the route does not read with 415, before reading it: JSON everywhere, and
 * `text/tab-separated-values` on `PUT /plans/{year}`.
 */
export function requireKnownMediaType(req: Request, _res: Response, next: NextFunction): void {
  if (req.headers['content-length'] === '0' && req.headers['transfer-encoding'] === undefined) return next();
  const tsv = TSV_ROUTES.test(req.path);
  const accepted = tsv ? [...JSON_TYPES, TSV] : JSON_TYPES;
  if (req.is(accepted) !== false) return next(); // null: no body
  req.resume();
  next(
    new ProblemException(
      415,
      'UNSUPPORTED_MEDIA_TYPE',
      `send the body as ${tsv ? `application/json or ${TSV}` : 'application/json'}`,
    ),
  );
}

/** Body parsers' errors as problems: malformed JSON 400, too large 413, unknown charset 415. */
export function bodyErrors(error: { type?: string }, _req: Request, _res: Response, next: NextFunction): void {
  switch (error?.type) {
    case 'entity.parse.failed':
      return next(new ProblemException(400, 'MALFORMED_JSON', 'the body is not valid JSON'));
    case 'entity.too.large':
      return next(new ProblemException(413, 'PAYLOAD_TOO_LARGE', `the body is larger than ${BODY_LIMIT}`));
    case 'charset.unsupported':
    case 'encoding.unsupported':
      return next(
        new ProblemException(
          415,
          'UNSUPPORTED_MEDIA_TYPE',
          'send the body in UTF-8, without an unknown content encoding',
        ),
      );
    default:
      return next(error);
  }
}

/** The parsers, in order, between the media-type check and the error mapping. */
export const bodyParsers = (): { path: string; handler: RequestHandler }[] => [
  { path: '/', handler: json({ limit: BODY_LIMIT, type: JSON_TYPES, strict: true }) },
  { path: `/${API_PREFIX}/plans`, handler: text({ limit: BODY_LIMIT, type: TSV }) },
];
