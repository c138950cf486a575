/**
 * Paths served without a token: the health check, the metrics, the OpenAPI document and its UI, the
 * login, and the console's page (its API calls carry the token).
 */
const PUBLIC_PATHS = new Set(['/health', '/metrics', '/docs', '/docs-json', '/api/v1/auth/login', '/']);
/** The files of the OpenAPI UI (`/docs/swagger-ui.css`, …) and of the console (`/console/app.js`, …). */
const PUBLIC_PREFIXES = ['/docs/', '/console/'];

/**
 * A path as a route is written (API.md "Access"): no empty segment (`//`), no `.` or `..` segment, no
 * backslash, no percent-encoded slash, backslash, dot or NUL. Any other path names no route.
 */
export function isCanonicalPath(path: string): boolean {
  if (!path.startsWith('/') || path.includes('//') || path.includes('\\') || /%(2f|5c|2e|00)/i.test(path)) return false;
  return !path.split('/').some((segment) => segment === '.' || segment === '..');
}

/** Whether a request path is served without a token: exactly one of the public paths, as written. */
export const isPublicPath = (path: string): boolean =>
  isCanonicalPath(path) && (PUBLIC_PATHS.has(path) || PUBLIC_PREFIXES.some((prefix) => path.startsWith(prefix)));
