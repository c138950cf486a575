import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { OBLIGATION_CODES, STAGES, messageOf, stepForms } from '@ketnap/domain';
import { ROLE_GRANTS } from '@ketnap/engine';
import { QUOTA_MINIMUMS_VI, QUOTA_STATUS_VI, QUOTA_TABLE_TITLES } from '@ketnap/projections';

/** The console's files: copied beside this module by the build (`swc --copy-files`), read from here. */
export const CONSOLE_DIR = join(__dirname, 'public');
/** Where the console's files are served from; the page itself is `/`. */
export const CONSOLE_PREFIX = '/console/';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
};

interface Asset {
  type: string;
  body: Buffer;
  etag: string;
}

const asset = (name: string, body: Buffer): Asset => ({
  type: TYPES[extname(name)],
  body,
  etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`,
});

/**
 * The Vietnamese names the pages show, as an ES module: stages and obligations as the message
 * catalogue writes them, the quota tables, verdicts and minimums as the published report does; one
 * source, never a second copy in the browser. `STEP_FORMS`: the fields of each step's body, from the
 * shapes the domain checks them by.
 */
export function labelsModule(): string {
  const names = (prefix: string, codes: readonly string[]) =>
    Object.fromEntries(codes.map((code) => [code, messageOf(`${prefix}.${code}`, {}, 'vi') ?? code]));
  return (
    `export const STAGE_NAMES = ${JSON.stringify(names('stage', STAGES))};\n` +
    `export const OBLIGATION_NAMES = ${JSON.stringify(names('obligation', OBLIGATION_CODES))};\n` +
    `export const QUOTA_TABLE_TITLES = ${JSON.stringify(QUOTA_TABLE_TITLES)};\n` +
    `export const QUOTA_STATUS_NAMES = ${JSON.stringify(QUOTA_STATUS_VI)};\n` +
    `export const QUOTA_MINIMUM_NAMES = ${JSON.stringify(QUOTA_MINIMUMS_VI)};\n` +
    `export const STEP_FORMS = ${JSON.stringify(stepForms())};\n`
  );
}

/**
 * What each role may do (API.md "Roles"), as an ES module: the pages show a link or a button only to
 * the roles the API lets through, from the API's own table rather than a copy kept in the browser.
 */
export function grantsModule(): string {
  const permissions = Object.fromEntries(Object.entries(ROLE_GRANTS).map(([role, grant]) => [role, grant.permissions]));
  return `export const ROLE_PERMISSIONS = ${JSON.stringify(permissions)};\n`;
}

/** The files of the console, by the path they are served at, read once at start. */
export function consoleAssets(dir = CONSOLE_DIR): Map<string, Asset> {
  const assets = new Map<string, Asset>();
  for (const name of readdirSync(dir)) {
    if (!(extname(name) in TYPES)) continue;
    const body = readFileSync(join(dir, name));
    assets.set(name === 'index.html' ? '/' : `${CONSOLE_PREFIX}${name}`, asset(name, body));
  }
  assets.set(`${CONSOLE_PREFIX}labels.js`, asset('labels.js', Buffer.from(labelsModule())));
  assets.set(`${CONSOLE_PREFIX}grants.js`, asset('grants.js', Buffer.from(grantsModule())));
  return assets;
}

/**
 * The console (a page and its ES modules, no build step): `/` and `/console/*`, served without a
 * token (the API calls the page makes carry one). An unknown file under `/console/` is a plain 404.
 * Revalidated on every load (`no-cache` with an ETag), so a new version is picked up at once.
 */
export function registerConsole(fastify: FastifyInstance, assets = consoleAssets()): void {
  const send = (path: string) => (req: FastifyRequest, reply: FastifyReply) => {
    const file = assets.get(path)!;
    reply.header('cache-control', 'no-cache').header('etag', file.etag);
    if (req.headers['if-none-match'] === file.etag) return reply.code(304).send();
    return reply.type(file.type).send(file.body);
  };
  for (const path of assets.keys()) fastify.get(path, send(path));
}
