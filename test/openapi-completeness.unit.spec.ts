import { gapsOf, type OpenApiDocument } from './support/openapi-completeness';

/** The checker of the OpenAPI document (test/api-docs.e2e.spec.ts) finds each kind of gap it promises. */

const problem = (status: number) => ({
  content: {
    'application/problem+json': {
      schema: { $ref: '#/components/schemas/ProblemDto' },
      examples: { X: { value: { type: 'urn:x', title: 'T', status, detail: 'd', code: 'X' } } },
    },
  },
});
const UNIT = {
  type: 'object',
  properties: { unitId: { type: 'string' }, version: { type: 'number' }, on: { type: 'string', format: 'date' } },
  required: ['unitId', 'version'],
};

/** A complete document: one secured write, one public read. */
function complete(): OpenApiDocument {
  return {
    paths: {
      '/api/v1/units/{unitId}': {
        put: {
          summary: 'Record a unit',
          parameters: [{ name: 'unitId', in: 'path', schema: { type: 'string' } }],
          requestBody: { content: { 'application/json': { schema: { $ref: '#/components/schemas/Unit' } } } },
          responses: {
            '200': {
              content: {
                'application/json': {
                  schema: { $ref: '#/components/schemas/Unit' },
                  example: { unitId: 'thon-mot', version: 1 },
                },
              },
            },
            '401': problem(401),
            '403': problem(403),
          },
        },
      },
      '/health': {
        get: {
          summary: 'Health',
          'x-ketnap-public': true,
          responses: { '200': { content: { 'application/json': { schema: { type: 'object' }, example: {} } } } },
        },
      },
    },
    components: {
      schemas: {
        Unit: UNIT,
        ProblemDto: {
          type: 'object',
          properties: {
            type: { type: 'string' },
            title: { type: 'string' },
            status: { type: 'number' },
            detail: { type: 'string' },
            code: { type: 'string' },
          },
          required: ['type', 'title', 'status', 'detail', 'code'],
        },
      },
    },
  };
}

const put = (doc: OpenApiDocument) => doc.paths['/api/v1/units/{unitId}'].put;

describe('the OpenAPI completeness check', () => {
  it('finds nothing in a complete document', () => {
    expect(gapsOf(complete())).toEqual([]);
  });

  it.each<[string, (doc: OpenApiDocument) => void, string]>([
    ['a missing summary', (doc) => delete put(doc).summary, 'PUT /api/v1/units/{unitId}: no summary'],
    [
      'a write without a body',
      (doc) => delete put(doc).requestBody,
      'PUT /api/v1/units/{unitId}: a write with no request body (or x-ketnap-no-body saying why)',
    ],
    [
      'a body-less write that does not say why',
      (doc) => {
        delete put(doc).requestBody;
        put(doc)['x-ketnap-no-body'] = '';
      },
      'PUT /api/v1/units/{unitId}: x-ketnap-no-body must say why',
    ],
    [
      'a secured route without its 403',
      (doc) => delete put(doc).responses!['403'],
      'PUT /api/v1/units/{unitId}: secured, but its 403 problem is not documented',
    ],
    [
      'a response without an example',
      (doc) => delete put(doc).responses!['200'].content!['application/json'].example,
      'PUT /api/v1/units/{unitId} → 200 application/json: no example',
    ],
    [
      'a response without content',
      (doc) => delete put(doc).responses!['200'].content,
      'PUT /api/v1/units/{unitId} → 200: no content (schema and example)',
    ],
    [
      'an example that lacks a required field',
      (doc) => (put(doc).responses!['200'].content!['application/json'].example = { unitId: 'thon-mot' }),
      'PUT /api/v1/units/{unitId} → 200 application/json: the required version is missing',
    ],
    [
      'an example with a field the schema does not list',
      (doc) => (put(doc).responses!['200'].content!['application/json'].example = { unitId: 'a', version: 1, x: 1 }),
      'PUT /api/v1/units/{unitId} → 200 application/json.x: not a documented property',
    ],
    [
      'an example of the wrong type or format',
      (doc) =>
        (put(doc).responses!['200'].content!['application/json'].example = { unitId: 'a', version: 1, on: '5/2' }),
      'PUT /api/v1/units/{unitId} → 200 application/json.on: 5/2 is not a date',
    ],
    [
      'a 4xx that is not a problem',
      (doc) =>
        (put(doc).responses!['404'] = { content: { 'application/json': { schema: { type: 'object' }, example: {} } } }),
      'PUT /api/v1/units/{unitId} → 404: not application/problem+json with the problem schema (application/json)',
    ],
    [
      'a problem example of another status',
      (doc) => (put(doc).responses!['409'] = problem(400)),
      "PUT /api/v1/units/{unitId} → 409 application/problem+json: the example's status is not 409",
    ],
    [
      'a parameter typed Object',
      (doc) => (put(doc).parameters![0].schema = { allOf: [{ $ref: '#/components/schemas/Object' }] }),
      'PUT /api/v1/units/{unitId}: path parameter unitId has no type ({"allOf":[{"$ref":"#/components/schemas/Object"}]})',
    ],
    [
      'a property without a type',
      (doc) => (doc.components!.schemas!.Unit.properties!.on = {}),
      'components.schemas.Unit.on: no type',
    ],
  ])('reports %s', (_, breakIt, gap) => {
    const doc = complete();
    breakIt(doc);
    expect(gapsOf(doc)).toContain(gap);
  });
});
