import { STATUS_CODES } from 'node:http';
import { MESSAGES } from '@ketnap/domain';

/**
 * The problem examples of the OpenAPI document, and what makes one true (issue 13): each is an answer
 * the API gives, in Vietnamese, rendered from the one catalogue of messages — its `detail` a rendering
 * of a message of its own `code`, each field message a rendering of a field message.
 */

export interface ProblemExample {
  type?: unknown;
  title?: unknown;
  status?: unknown;
  detail?: unknown;
  code?: unknown;
  errors?: Array<{ field?: unknown; message?: unknown }>;
  details?: unknown;
}

interface Document {
  paths: Record<
    string,
    Record<
      string,
      { responses?: Record<string, { content?: Record<string, { examples?: Record<string, { value?: unknown }> }> }> }
    >
  >;
}

export interface PlacedExample {
  /** `GET /api/v1/units/{unitId} → 404 NOT_FOUND`. */
  at: string;
  method: string;
  template: string;
  status: number;
  value: ProblemExample;
}

const PROBLEM_TYPE = 'application/problem+json';

/** Every `application/problem+json` example of the document, with where it is. */
export function problemExamplesOf(doc: Document): PlacedExample[] {
  const found: PlacedExample[] = [];
  for (const [template, operations] of Object.entries(doc.paths))
    for (const [method, operation] of Object.entries(operations))
      for (const [status, response] of Object.entries(operation.responses ?? {}))
        for (const [name, example] of Object.entries(response.content?.[PROBLEM_TYPE]?.examples ?? {}))
          found.push({
            at: `${method.toUpperCase()} ${template} → ${status} ${name}`,
            method: method.toUpperCase(),
            template,
            status: Number(status),
            value: (example.value ?? {}) as ProblemExample,
          });
  return found;
}

/** The documented problem examples of one route's status. */
export const examplesAt = (doc: Document, method: string, template: string, status: number): ProblemExample[] =>
  problemExamplesOf(doc)
    .filter((e) => e.method === method.toUpperCase() && e.template === template && e.status === status)
    .map((e) => e.value);

/** A template as a pattern its renderings match: each `{name}` stands for any text. */
const patternOf = (template: string): RegExp =>
  new RegExp(
    `^${template
      .split(/\{[A-Za-z][A-Za-z0-9]*\}/)
      .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
      .join('[\\s\\S]*?')}$`,
  );

const VIETNAMESE = Object.entries(MESSAGES).map(([key, text]) => ({ key, pattern: patternOf(text.vi) }));
const FIELD_PATTERNS = VIETNAMESE.filter(({ key }) => key.startsWith('field.'));

/** The catalogue keys of `code` whose Vietnamese message `detail` renders (`NOT_FOUND.unit` for `NOT_FOUND`). */
export const keysRendering = (code: string, detail: string): string[] =>
  VIETNAMESE.filter(({ key, pattern }) => (key === code || key.startsWith(`${code}.`)) && pattern.test(detail)).map(
    ({ key }) => key,
  );

/**
 * What is untrue in one problem example: a `type` or `title` that is not its code's and status's, a
 * `detail` that renders no Vietnamese message of its code (an English sentence written by hand, a
 * message of another code), a field message that renders no Vietnamese field message.
 */
export function exampleGaps(at: string, status: number, example: ProblemExample): string[] {
  const gaps: string[] = [];
  const { code, detail } = example;
  if (example.status !== status) gaps.push(`${at}: status ${String(example.status)}, documented under ${status}`);
  if (typeof code !== 'string' || !/^[A-Z][A-Z0-9_]*$/.test(code)) return [...gaps, `${at}: no code`];
  const type = `urn:ketnap:problem:${code.toLowerCase().replace(/_/g, '-')}`;
  if (example.type !== type) gaps.push(`${at}: type ${String(example.type)}, not ${type}`);
  if (example.title !== STATUS_CODES[status]) gaps.push(`${at}: title ${String(example.title)}`);
  if (typeof detail !== 'string' || keysRendering(code, detail).length === 0)
    gaps.push(`${at}: the detail "${String(detail)}" is no Vietnamese message of ${code} in the catalogue`);
  for (const error of example.errors ?? []) {
    const message = String(error.message);
    if (!FIELD_PATTERNS.some(({ pattern }) => pattern.test(message)))
      gaps.push(`${at}: the message of ${String(error.field)} "${message}" is no Vietnamese field message`);
  }
  return gaps;
}

/** Every untrue problem example of the document (see {@link exampleGaps}). */
export const catalogueGaps = (doc: Document): string[] =>
  problemExamplesOf(doc).flatMap(({ at, status, value }) => exampleGaps(at, status, value));
