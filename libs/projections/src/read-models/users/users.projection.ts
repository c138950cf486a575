import { isUserEvent, usernameOfStream } from '@ketnap/domain';
import type { Projection } from '../../projection';

export const USERS_PROJECTION = 'users';

/**
 * The accounts as the admin lists them (`GET /users`): one row per user stream, its profile and
 * whether it is disabled; never the password hash.
 */
export function usersProjection(): Projection {
  return {
    name: USERS_PROJECTION,
    version: 1,
    create: ({ sql, table }) =>
      sql.exec(`
        CREATE TABLE ${table('users')} (
          username TEXT PRIMARY KEY, name TEXT NOT NULL, role TEXT NOT NULL, units TEXT NOT NULL,
          disabled INTEGER NOT NULL, version INTEGER NOT NULL);
      `),
    apply: async ({ sql, table }, events) => {
      for (const e of events) {
        const username = usernameOfStream(e.streamId);
        if (username === undefined || !isUserEvent(e)) continue;
        const set = (assignments: string[], ...values: (string | number)[]) =>
          sql.run(`UPDATE ${table('users')} SET ${[...assignments, 'version = ?'].join(', ')} WHERE username = ?`, [
            ...values,
            e.streamVersion,
            username,
          ]);
        switch (e.type) {
          case 'UserRegistered': {
            const { name, role, units } = e.data;
            await sql.run(`DELETE FROM ${table('users')} WHERE username = ?`, [username]);
            await sql.run(
              `INSERT INTO ${table('users')} (username, name, role, units, disabled, version) VALUES (?, ?, ?, ?, 0, ?)`,
              [username, name, role, JSON.stringify(units), e.streamVersion],
            );
            break;
          }
          case 'UserUpdated':
            await set(['name = ?', 'role = ?', 'units = ?'], e.data.name, e.data.role, JSON.stringify(e.data.units));
            break;
          case 'UserPasswordChanged':
            await set([]);
            break;
          case 'UserDisabled':
            await set(['disabled = 1']);
            break;
          default:
            e satisfies never;
        }
      }
    },
  };
}
