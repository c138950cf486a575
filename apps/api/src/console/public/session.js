import { ROLE_PERMISSIONS } from '/console/grants.js';

// The signed-in user, kept for the browser tab only (sessionStorage): { token, expiresAt, user }.
const KEY = 'ketnap.session';

/** The session, or null when there is none or its token has expired. */
export function session() {
  let kept = null;
  try {
    kept = JSON.parse(sessionStorage.getItem(KEY) ?? 'null');
  } catch {
    kept = null;
  }
  if (!kept?.token || !(Date.parse(kept.expiresAt) > Date.now())) {
    sessionStorage.removeItem(KEY);
    return null;
  }
  return kept;
}

export const keepSession = (login) => sessionStorage.setItem(KEY, JSON.stringify(login));
export const endSession = () => sessionStorage.removeItem(KEY);

/** Whether the signed-in user's role holds `permission` (API.md "Roles"), as the API checks it. */
export const may = (permission) => (ROLE_PERMISSIONS[session()?.user.role] ?? []).includes(permission);
