import { request as httpRequest } from 'node:http';
import { ROLE_GRANTS, hasPermission, type Permission, type Role } from '@ketnap/engine';

/** One operation of the OpenAPI document, with the access the code declares for it. */
export interface Operation {
  method: string;
  /** The path as the document writes it, with `{params}`. */
  template: string;
  public: boolean;
  /** `undefined`: the route declares none (refused to everyone). */
  permissions?: Permission[];
  scope?: 'resource' | 'filtered' | 'none';
  params: string[];
  body?: Schema;
}

export interface Schema {
  $ref?: string;
  type?: string;
  format?: string;
  example?: unknown;
  enum?: unknown[];
  minimum?: number;
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  oneOf?: Schema[];
}

interface Document {
  paths: Record<
    string,
    Record<
      string,
      {
        parameters?: Array<{ in: string; name: string }>;
        requestBody?: { content: Record<string, { schema: Schema }> };
      } & Record<string, unknown>
    >
  >;
  components: { schemas: Record<string, Schema> };
}

/** Every operation of the document. */
export function operationsOf(doc: Document): Operation[] {
  return Object.entries(doc.paths).flatMap(([template, ops]) =>
    Object.entries(ops).map(([method, op]) => ({
      method: method.toUpperCase(),
      template,
      public: op['x-ketnap-public'] === true,
      permissions: op['x-ketnap-permissions'] as Permission[] | undefined,
      scope: op['x-ketnap-scope'] as Operation['scope'],
      params: (op.parameters ?? []).filter((p) => p.in === 'path').map((p) => p.name),
      body: op.requestBody?.content['application/json']?.schema,
    })),
  );
}

/**
 * A body that satisfies a schema: every required property, from its example, its first choice or its
 * type; `overrides` replace properties by name wherever they appear (unit ids, event ids).
 */
export function exampleOf(schema: Schema, doc: Document, overrides: Record<string, unknown>): unknown {
  if (schema.$ref) return exampleOf(doc.components.schemas[schema.$ref.split('/').pop()!], doc, overrides);
  if (schema.oneOf) return exampleOf(schema.oneOf[0], doc, overrides);
  if (schema.example !== undefined) return schema.example;
  if (schema.enum) return schema.enum[0];
  switch (schema.type) {
    case 'object':
      return Object.fromEntries(
        Object.entries(schema.properties ?? {})
          .filter(([name]) => schema.required?.includes(name) || name in overrides)
          .map(([name, property]) => [name, name in overrides ? overrides[name] : exampleOf(property, doc, overrides)]),
      );
    case 'array':
      return [exampleOf(schema.items ?? {}, doc, overrides)];
    case 'integer':
    case 'number':
      return schema.minimum ?? 1;
    case 'boolean':
      return false;
    default:
      return schema.format === 'date' ? '2024-03-01' : 'x';
  }
}

/**
 * What the permission table says a role gets on a route (API.md "Access"): `refused` (403) without the
 * route's permissions, or when its token does not reach the route's resource; `filtered` for a list
 * or report read outside its units; `allowed` otherwise.
 */
export function expectedAccess(op: Operation, role: Role, inScope: boolean): 'allowed' | 'refused' | 'filtered' {
  if (op.permissions === undefined || !op.permissions.every((p) => hasPermission(role, p))) return 'refused';
  if (inScope || ROLE_GRANTS[role].scope === 'all' || op.scope === 'none') return 'allowed';
  return op.scope === 'filtered' ? 'filtered' : 'refused';
}

/** One request with the path sent exactly as given (no URL normalisation), for path variants. */
export function rawRequest(
  baseUrl: string,
  method: string,
  path: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: string }> {
  const { hostname, port } = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: hostname, port, method, path, headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}
