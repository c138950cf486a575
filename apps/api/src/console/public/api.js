import { endSession, session } from './session.js';

/** An answer of the API that is not a success: its status and problem+json body. */
export class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.detail ?? `HTTP ${status}`);
    this.status = status;
    this.problem = problem ?? {};
  }

  /** The message for `field` among the problem's `errors`, if any. */
  fieldMessage(field) {
    return (this.problem.errors ?? []).find((error) => error.field === field)?.message;
  }
}

/**
 * One call to `/api/v1{path}` with the session's token. A 401 on a call made with a token ends the
 * session and shows the sign-in page. `json` sends a JSON body; `body` with `type` sends any other
 * (the published plan table); `accept` asks for another format (a report as CSV or XLSX), answered
 * as a Blob.
 */
export async function api(path, { method = 'GET', json, body, type, accept } = {}) {
  const current = session();
  const headers = { accept: accept ?? 'application/json', 'accept-language': 'vi' };
  if (current) headers.authorization = `Bearer ${current.token}`;
  if (json !== undefined) headers['content-type'] = 'application/json';
  else if (body !== undefined) headers['content-type'] = type;
  const res = await fetch(`/api/v1${path}`, {
    method,
    headers,
    body: json === undefined ? body : JSON.stringify(json),
  });
  const answered = res.headers.get('content-type') ?? '';
  // A file asked for comes as a Blob; a refusal comes as problem+json whatever was asked.
  const file = accept !== undefined && res.ok;
  const answer = file ? await res.blob() : answered.includes('json') ? await res.json() : undefined;
  if (res.status === 401 && current) {
    endSession();
    location.hash = '#/dang-nhap';
  }
  if (!res.ok) throw new ApiError(res.status, answer);
  return answer;
}

/** Every item of a list route, following `nextCursor` (at most `pages` pages of 500). */
export async function allItems(path, pages = 20) {
  const items = [];
  let cursor = null;
  for (let page = 0; page < pages; page += 1) {
    const sep = path.includes('?') ? '&' : '?';
    const answer = await api(`${path}${sep}limit=500${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    items.push(...answer.items);
    cursor = answer.nextCursor;
    if (!cursor) break;
  }
  return items;
}
