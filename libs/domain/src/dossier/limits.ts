/**
 * The lengths and ranges of what a step may record, one table for the HTTP edge's request bodies and
 * the domain's own check of a command (and of a corrected step), so both refuse the same values.
 */
export const TEXT_LIMITS = {
  /** A person's or a body's name, an issuer. */
  name: 200,
  /** Document numbers, member ids, event ids. */
  code: 64,
  /** Ethnicity, religion. */
  term: 100,
  residence: 300,
  /** Reasons, notes, summaries. */
  prose: 2000,
} as const;

/** Members entitled to vote: a branch's official members; a party committee's members. */
export const COUNT_LIMITS = { branchMembers: 10_000, committeeMembers: 1_000 } as const;

/** Helpers and introducers named in one step. */
export const LIST_LIMIT = 5;
