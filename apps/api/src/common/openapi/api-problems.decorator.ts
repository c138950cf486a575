import { ApiExtraModels, ApiResponse, getSchemaPath } from '@nestjs/swagger';
import { PROBLEM_CONTENT_TYPE, type Problem } from '../problem/problem';
import { ProblemDto } from './problem.dto';

/** What each status means, once per response whatever the examples under it. */
const MEANING: Readonly<Record<number, string>> = {
  400: 'Malformed or invalid request: every invalid field is listed in `errors`',
  401: 'No token, or one that is malformed, expired or badly signed (`WWW-Authenticate: Bearer`)',
  403: "A valid token whose role or units do not allow this (API.md 'Roles' and 'Access')",
  404: 'The id names nothing (or the route is off)',
  409:
    'A conflict (`code` says which): the resource changed since the version sent in If-Match or already exists, ' +
    'the Idempotency-Key was first used for another request, or the server is not set up for it',
  413: 'The body is larger than 1 MiB',
  415: 'The body is of a media type this route does not read',
  422: 'A procedure rule forbids it: `code` names the rule, `details` gives its figures; nothing is appended',
  429: 'Too many requests: retry after `Retry-After` seconds',
  503: 'Not ready yet: retry after `Retry-After` seconds',
};

const PROBLEMS_KEY = Symbol('ketnap:problems');

/** The name of an example: its code, and the field it is about when it names one (two 400s of a route). */
const nameOf = (answer: Problem): string =>
  answer.errors?.[0] ? `${answer.code} (${answer.errors[0].field})` : answer.code;

/**
 * The problems a route may answer, as `application/problem+json` responses with the problem schema and
 * one example per code. Each example is a `Problem` as the API answers it (`exampleOf` in problems.ts); an
 * example of a status MEANING does not explain is refused when the route is decorated. Several uses on
 * one route add up (`@Requires` declares 401, 403 and 429; `@ApiWrite` the body's and the headers'
 * problems; the route its own), whatever their order.
 */
export const ApiProblems = (...answers: Problem[]): MethodDecorator & ClassDecorator => {
  const meaningless = answers.find((a) => MEANING[a.status] === undefined);
  if (meaningless)
    throw new Error(`no meaning is written for status ${meaningless.status} (${meaningless.code}): add it to MEANING`);
  return (target: object, key?: string | symbol, descriptor?: PropertyDescriptor) => {
    const holder = (descriptor?.value as object | undefined) ?? target;
    const before = (Reflect.getMetadata(PROBLEMS_KEY, holder) as Problem[] | undefined) ?? [];
    const all = [...before, ...answers];
    Reflect.defineMetadata(PROBLEMS_KEY, all, holder);
    const decorate = (decorator: MethodDecorator & ClassDecorator) =>
      descriptor ? decorator(target, key!, descriptor) : decorator(target as () => void);
    decorate(ApiExtraModels(ProblemDto));
    for (const status of new Set(answers.map((a) => a.status))) {
      const examples = Object.fromEntries(
        all.filter((a) => a.status === status).map((a) => [nameOf(a), { summary: nameOf(a), value: a }]),
      );
      // Nest joins the descriptions of repeated declarations of a status: the meaning is given once.
      const description = before.some((a) => a.status === status) ? '' : MEANING[status];
      decorate(
        ApiResponse({
          status,
          description,
          content: { [PROBLEM_CONTENT_TYPE]: { schema: { $ref: getSchemaPath(ProblemDto) }, examples } },
        }),
      );
    }
  };
};
