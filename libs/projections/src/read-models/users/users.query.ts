import type { ProjectionDatabase } from '../../runner/projection-database';
import { USERS_PROJECTION } from './users.projection';

/** A user as the admin's list shows it: no password hash. */
export interface UserRow {
  username: string;
  name: string;
  role: string;
  units: string[];
  disabled: boolean;
  version: number;
}

interface Row {
  username: string;
  name: string;
  role: string;
  units: string;
  disabled: number;
  version: number;
}

/** Queries of the users read model. */
export class UsersDirectory {
  constructor(private readonly pdb: ProjectionDatabase) {}

  /** Every user, by username. @throws ReadModelNotBuiltError before the read model's first build. */
  async list(): Promise<UserRow[]> {
    const table = (await this.pdb.tables(USERS_PROJECTION))('users');
    const rows = await this.pdb.sql.all<Row>(`SELECT * FROM ${table} ORDER BY username`);
    return rows.map((row) => ({
      username: row.username,
      name: row.name,
      role: row.role,
      units: JSON.parse(row.units) as string[],
      disabled: Number(row.disabled) === 1,
      version: Number(row.version),
    }));
  }

  /** The position the read model has applied the log to, or `undefined` before its first build. */
  async position(): Promise<number | undefined> {
    return (await this.pdb.active(USERS_PROJECTION))?.position;
  }
}
