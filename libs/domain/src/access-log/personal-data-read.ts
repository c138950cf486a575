import type { Message } from '../dossier/commands';

/**
 * What a reader was shown of a dossier's personal data: the dossier page, its history, a page of the
 * dossier list (candidates' names), an inspection case (the procedure history it carries), or the
 * personal-data export.
 */
export const PERSONAL_READ_KINDS = ['dossier', 'history', 'list', 'inspection-case', 'export'] as const;
export type PersonalReadKind = (typeof PERSONAL_READ_KINDS)[number];

/**
 * One read of a dossier's personal data (Luật Bảo vệ dữ liệu cá nhân 2025: the controller keeps a
 * record of who processed the data). It names the reader by username and role and the dossier by id,
 * never the person read about.
 */
export interface PersonalRead {
  dossierId: string;
  /** The reader's username (the token's `sub`). */
  username: string;
  role: string;
  /** When the data was served (ISO 8601). */
  at: string;
  what: PersonalReadKind;
}

/**
 * Reads of personal data recorded together, in the order they were served: the engine batches them
 * so that a read never waits for the store (DESIGN.md §9).
 */
export type PersonalDataRead = Message<'PersonalDataRead', { reads: PersonalRead[] }>;
