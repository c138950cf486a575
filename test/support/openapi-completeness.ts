/**
 * What the OpenAPI document must say of every route (issue 13), checked on the document the app
 * serves: each gap is one line naming the operation and what it lacks.
 */

interface Schema {
  $ref?: string;
  type?: string | string[];
  format?: string;
  enum?: unknown[];
  nullable?: boolean;
  properties?: Record<string, Schema>;
  required?: string[];
  additionalProperties?: boolean | Schema;
  items?: Schema;
  oneOf?: Schema[];
  anyOf?: Schema[];
  allOf?: Schema[];
  minimum?: number;
  maximum?: number;
  maxLength?: number;
}

interface Media {
  schema?: Schema;
  example?: unknown;
  examples?: Record<string, { value?: unknown }>;
}

interface OperationObject {
  summary?: string;
  parameters?: Array<{ name: string; in: string; schema?: Schema }>;
  requestBody?: { content?: Record<string, Media> };
  responses?: Record<string, { content?: Record<string, Media> }>;
  [extension: `x-${string}`]: unknown;
}

export interface OpenApiDocument {
  paths: Record<string, Record<string, OperationObject>>;
  components?: { schemas?: Record<string, Schema> };
}

const WRITES = new Set(['post', 'put', 'patch', 'delete']);
const PROBLEM_TYPE = 'application/problem+json';
const PROBLEM_SCHEMA = '#/components/schemas/ProblemDto';
/** What `design:type` gives a property or parameter whose type Nest could not see (a type alias, a union). */
const UNTYPED_REF = '#/components/schemas/Object';

const isTyped = (schema: Schema | undefined): boolean =>
  !!schema &&
  !JSON.stringify(schema).includes(`"${UNTYPED_REF}"`) &&
  (schema.$ref !== undefined ||
    schema.type !== undefined ||
    schema.enum !== undefined ||
    [schema.oneOf, schema.anyOf, schema.allOf].some((list) => list !== undefined && list.length > 0));

/** Every gap of the document; none when each route is documented completely. */
export function gapsOf(doc: OpenApiDocument): string[] {
  const gaps: string[] = [];
  for (const [path, operations] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(operations)) {
      const at = `${method.toUpperCase()} ${path}`;
      if (typeof op.summary !== 'string' || op.summary.trim() === '') gaps.push(`${at}: no summary`);
      for (const parameter of op.parameters ?? []) {
        const schema = parameter.schema;
        if (!isTyped(schema) || schema?.type === 'object')
          gaps.push(`${at}: ${parameter.in} parameter ${parameter.name} has no type (${JSON.stringify(schema)})`);
      }
      gaps.push(...bodyGaps(at, method, op));
      gaps.push(...responseGaps(at, op, doc));
    }
  }
  for (const [name, schema] of Object.entries(doc.components?.schemas ?? {})) {
    if (name === 'Object') gaps.push('components.schemas.Object: a type Nest could not see is typed Object');
    for (const [property, propertySchema] of Object.entries(schema.properties ?? {})) {
      const item = propertySchema.type === 'array' ? propertySchema.items : propertySchema;
      if (!isTyped(item)) gaps.push(`components.schemas.${name}.${property}: no type`);
    }
  }
  return gaps;
}

function bodyGaps(at: string, method: string, op: OperationObject): string[] {
  const noBody = op['x-ketnap-no-body'];
  const content = Object.entries(op.requestBody?.content ?? {});
  if (noBody !== undefined) {
    if (typeof noBody !== 'string' || noBody.trim() === '') return [`${at}: x-ketnap-no-body must say why`];
    return content.length > 0 ? [`${at}: declared body-less (x-ketnap-no-body) yet documents a body`] : [];
  }
  if (!WRITES.has(method)) return [];
  if (content.length === 0) return [`${at}: a write with no request body (or x-ketnap-no-body saying why)`];
  return content
    .filter(([, media]) => !isTyped(media.schema))
    .map(([type]) => `${at}: request body ${type}: no schema`);
}

function responseGaps(at: string, op: OperationObject, doc: OpenApiDocument): string[] {
  const gaps: string[] = [];
  const responses = op.responses ?? {};
  const statuses = Object.keys(responses);
  if (!statuses.some((status) => /^2\d\d$/.test(status))) gaps.push(`${at}: no success response`);
  if (op['x-ketnap-public'] !== true) {
    for (const status of ['401', '403'])
      if (!statuses.includes(status)) gaps.push(`${at}: secured, but its ${status} problem is not documented`);
  }
  for (const [status, response] of Object.entries(responses)) {
    const content = Object.entries(response.content ?? {});
    if (content.length === 0) gaps.push(`${at} → ${status}: no content (schema and example)`);
    if (/^4\d\d$/.test(status)) {
      const types = content.map(([type]) => type);
      if (types.length !== 1 || types[0] !== PROBLEM_TYPE || content[0][1].schema?.$ref !== PROBLEM_SCHEMA)
        gaps.push(`${at} → ${status}: not ${PROBLEM_TYPE} with the problem schema (${types.join(', ')})`);
    }
    for (const [type, media] of content) {
      const where = `${at} → ${status} ${type}`;
      if (!isTyped(media.schema)) gaps.push(`${where}: no schema`);
      const examples =
        media.example !== undefined
          ? [media.example]
          : Object.values(media.examples ?? {}).map((example) => example.value);
      if (examples.length === 0) gaps.push(`${where}: no example`);
      for (const example of examples) {
        if (media.schema) gaps.push(...conformityGaps(example, media.schema, doc, where));
        if (type === PROBLEM_TYPE && (example as { status?: unknown })?.status !== Number(status))
          gaps.push(`${where}: the example's status is not ${status}`);
      }
    }
  }
  return gaps;
}

const typeOf = (value: unknown): string =>
  value === null
    ? 'null'
    : Array.isArray(value)
      ? 'array'
      : Number.isInteger(value)
        ? 'integer'
        : typeof value === 'number'
          ? 'number'
          : typeof value;

/**
 * Where `value` departs from `schema` (the OpenAPI subset Nest writes): types, enums, formats of dates,
 * required properties, bounds; a property the schema does not list is a departure (an example shows
 * only documented fields) unless the schema allows additional properties.
 */
export function conformityGaps(value: unknown, schema: Schema, doc: OpenApiDocument, where: string): string[] {
  if (schema.$ref) {
    const resolved = doc.components?.schemas?.[schema.$ref.split('/').pop()!];
    return resolved ? conformityGaps(value, resolved, doc, where) : [`${where}: ${schema.$ref} is not in components`];
  }
  if (schema.allOf) return schema.allOf.flatMap((part) => conformityGaps(value, part, doc, where));
  const choices = schema.oneOf ?? schema.anyOf;
  if (choices) {
    const fits = choices.some((choice) => conformityGaps(value, choice, doc, where).length === 0);
    return fits ? [] : [`${where}: ${JSON.stringify(value)?.slice(0, 80)} fits none of its choices`];
  }
  const actual = typeOf(value);
  const types = schema.type === undefined ? [] : Array.isArray(schema.type) ? schema.type : [schema.type];
  if (value === null) return schema.nullable || types.includes('null') ? [] : [`${where}: null is not allowed`];
  if (schema.enum && !schema.enum.includes(value)) return [`${where}: ${JSON.stringify(value)} is not in its enum`];
  if (types.length > 0 && !types.includes(actual) && !(actual === 'integer' && types.includes('number')))
    return [`${where}: ${actual} where the schema says ${types.join('|')}`];
  const gaps: string[] = [];
  if (typeof value === 'string') {
    if (schema.format === 'date' && !/^\d{4}-\d{2}-\d{2}$/.test(value)) gaps.push(`${where}: ${value} is not a date`);
    if (schema.format === 'date-time' && Number.isNaN(Date.parse(value)))
      gaps.push(`${where}: ${value} is not an instant`);
    if (schema.maxLength !== undefined && value.length > schema.maxLength) gaps.push(`${where}: longer than allowed`);
  }
  if (typeof value === 'number') {
    if (schema.minimum !== undefined && value < schema.minimum) gaps.push(`${where}: below its minimum`);
    if (schema.maximum !== undefined && value > schema.maximum) gaps.push(`${where}: above its maximum`);
  }
  if (Array.isArray(value) && schema.items)
    value.forEach((item, i) => gaps.push(...conformityGaps(item, schema.items!, doc, `${where}[${i}]`)));
  if (actual === 'object') {
    const object = value as Record<string, unknown>;
    for (const name of schema.required ?? [])
      if (!(name in object)) gaps.push(`${where}: the required ${name} is missing`);
    for (const [name, property] of Object.entries(object)) {
      const propertySchema = schema.properties?.[name];
      if (propertySchema) gaps.push(...conformityGaps(property, propertySchema, doc, `${where}.${name}`));
      else if (typeof schema.additionalProperties === 'object')
        gaps.push(...conformityGaps(property, schema.additionalProperties, doc, `${where}.${name}`));
      else if (schema.properties && schema.additionalProperties !== true)
        gaps.push(`${where}.${name}: not a documented property`);
    }
  }
  return gaps;
}

/**
 * Where a real answer departs from what the document says of its operation: a status it does not
 * list, a media type it does not list for that status, a JSON body that does not fit the schema.
 */
export function answerGaps(
  doc: OpenApiDocument,
  answered: { method: string; template: string; status: number; contentType: string | null; body: unknown },
): string[] {
  const at = `${answered.method} ${answered.template} → ${answered.status}`;
  const response = doc.paths[answered.template]?.[answered.method.toLowerCase()]?.responses?.[answered.status];
  if (!response) return [`${at}: the status is not documented`];
  const type = (answered.contentType ?? '').split(';')[0].trim();
  const media = response.content?.[type];
  if (!media) return [`${at}: answered ${type}, documented ${Object.keys(response.content ?? {}).join(', ')}`];
  return answered.body !== undefined && media.schema ? conformityGaps(answered.body, media.schema, doc, at) : [];
}
