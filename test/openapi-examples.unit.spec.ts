import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { DomainError, fieldError } from '@ketnap/domain';
import { ApiProblems } from '../apps/api/src/common/openapi/api-problems.decorator';
import { PROBLEMS, exampleOf } from '../apps/api/src/common/openapi/problems';
import { ProblemException, type Problem } from '../apps/api/src/common/problem/problem';
import { problemOf } from '../apps/api/src/common/problem/problem-of';
import { catalogueGaps, exampleGaps, keysRendering } from './support/problem-examples';

/**
 * The problem examples of the OpenAPI document are answers of the API (issue 13): each is rendered
 * from the catalogue in Vietnamese through `problemOf`, never written by hand. Checked here on the
 * responses every controller declares, without starting the server (test/api-docs.e2e.spec.ts checks
 * the served document and that the refusals it provokes are the documented ones).
 */

/** The `@nestjs/swagger` metadata key of `@ApiResponse` (its `DECORATORS.API_RESPONSE`). */
const API_RESPONSE = 'swagger/apiResponse';
const SRC = join(__dirname, '../apps/api/src');

const controllerFiles = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? controllerFiles(join(dir, entry.name))
      : entry.name.endsWith('.controller.ts')
        ? [join(dir, entry.name)]
        : [],
  );

type Responses = Record<string, { content?: Record<string, { examples?: Record<string, { value?: unknown }> }> }>;

/** Every controller method's declared responses, as a document's `paths` (`units.controller.ts UnitsController.get`). */
function declaredDocument() {
  const paths: Record<string, Record<string, { responses: Responses }>> = {};
  for (const file of controllerFiles(SRC)) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const exported = require(file) as Record<string, unknown>;
    for (const [name, value] of Object.entries(exported)) {
      if (typeof value !== 'function' || !/Controller$/.test(name)) continue;
      const proto = (value as { prototype: Record<string, unknown> }).prototype;
      for (const method of Object.getOwnPropertyNames(proto)) {
        const handler = proto[method];
        if (method === 'constructor' || typeof handler !== 'function') continue;
        const responses = Reflect.getMetadata(API_RESPONSE, handler) as Responses | undefined;
        if (responses) paths[`${relative(SRC, file)} ${name}.${method}`] = { declared: { responses } };
      }
    }
  }
  return { paths };
}

describe('the problem examples of the OpenAPI document', () => {
  const doc = declaredDocument();
  const examples = Object.values(doc.paths).flatMap((ops) =>
    Object.values(ops.declared.responses).flatMap((r) =>
      Object.values(r.content?.['application/problem+json']?.examples ?? {}),
    ),
  );

  it('are declared on every controller', () => {
    expect(Object.keys(doc.paths).length).toBeGreaterThanOrEqual(30);
    expect(examples.length).toBeGreaterThanOrEqual(150);
  });

  it('each render a Vietnamese message of their own code from the catalogue, their fields too', () => {
    expect(catalogueGaps(doc)).toEqual([]);
  });

  it('are what problemOf answers for the errors the routes raise, in Vietnamese', () => {
    const unit = new ProblemException(404, 'NOT_FOUND.unit', { unitId: 'thon-ba' });
    expect(exampleOf(unit)).toEqual(problemOf(unit).problem);
    expect(exampleOf(unit)).toEqual({
      type: 'urn:ketnap:problem:not-found',
      title: 'Not Found',
      status: 404,
      detail: 'Không có đơn vị thon-ba.',
      code: 'NOT_FOUND',
    });
    expect(PROBLEMS.invalid(fieldError('year', 'field.integer-range', { min: 2000, max: 2100 }))).toEqual({
      type: 'urn:ketnap:problem:validation-failed',
      title: 'Bad Request',
      status: 400,
      detail: 'Yêu cầu không hợp lệ: year.',
      code: 'VALIDATION_FAILED',
      errors: [{ field: 'year', message: expect.stringMatching(/^phải là số nguyên từ 2\.000 đến 2\.100/) }],
    });
    expect(PROBLEMS.readModelNotReady).toMatchObject({ status: 503, code: 'READ_MODEL_NOT_READY' });
    expect(PROBLEMS.versionConflict).toMatchObject({ status: 409, code: 'VERSION_CONFLICT' });
    expect(keysRendering('VERSION_CONFLICT', PROBLEMS.versionConflict.detail)).toEqual(['VERSION_CONFLICT.at-version']);
  });

  const good = exampleOf(new DomainError('STEP_OUT_OF_ORDER.helpers-first', {}, { stage: 'nominated' }));

  it.each<[string, Problem, RegExp]>([
    [
      'an English sentence written by hand',
      { ...good, detail: 'the step is not the next one of the procedure' },
      /the detail "the step is not the next one of the procedure" is no Vietnamese message of STEP_OUT_OF_ORDER/,
    ],
    [
      'the English rendering of its own message',
      problemOf(new ProblemException(404, 'NOT_FOUND.unit', { unitId: 'thon-ba' }), 'en').problem,
      /the detail "no unit thon-ba" is no Vietnamese message of NOT_FOUND/,
    ],
    [
      'a message of another code',
      { ...good, code: 'NOT_FOUND', type: 'urn:ketnap:problem:not-found' },
      /is no Vietnamese message of NOT_FOUND/,
    ],
    [
      'a field message written by hand',
      { ...PROBLEMS.invalid(fieldError('year', 'field.date')), errors: [{ field: 'year', message: 'must be a date' }] },
      /the message of year "must be a date" is no Vietnamese field message/,
    ],
    ['a type of another code', { ...good, type: 'urn:ketnap:problem:x' }, /type urn:ketnap:problem:x/],
  ])('are refused when one is %s', (_, example, gap) => {
    expect(exampleGaps('X', good.status, good)).toEqual([]);
    expect(exampleGaps('X', example.status, example)).toEqual(expect.arrayContaining([expect.stringMatching(gap)]));
  });

  it('refuses, when a route is decorated, an example of a status the document gives no meaning', () => {
    const teapot = { ...good, status: 418 };
    expect(() => ApiProblems(teapot)).toThrow(/no meaning is written for status 418 \(STEP_OUT_OF_ORDER\)/);
    expect(() => ApiProblems(good)).not.toThrow();
  });
});
