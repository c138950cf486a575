/** A stable rule code: what a client switches on when the domain refuses a command. */
export type RuleCode =
  | 'INVALID_COMMAND'
  | 'DOSSIER_NOT_FOUND'
  | 'DOSSIER_ALREADY_EXISTS'
  | 'DOSSIER_CLOSED'
  | 'STEP_OUT_OF_ORDER'
  | 'DATE_IN_FUTURE'
  | 'DATE_BEFORE_PREVIOUS_STEP'
  | 'NO_RULE_SET_IN_FORCE'
  | 'AGE_OUT_OF_RANGE'
  | 'EDUCATION_BELOW_MINIMUM'
  | 'CONSENT_AFTER_DECISION'
  | 'CERTIFICATE_EXPIRED'
  | 'DOSSIER_STALE'
  | 'BACKGROUND_CHECK_FAILED'
  | 'INTRODUCER_NOT_ELIGIBLE'
  | 'INVALID_VOTE_COUNT'
  | 'VOTE_THRESHOLD_NOT_MET'
  | 'RESOLUTION_BEFORE_PROBATION_END'
  | 'EXTENSION_NOT_ALLOWED'
  | 'CORRECTION_TARGET_NOT_FOUND'
  | 'CORRECTION_NOT_ALLOWED'
  | 'DEADLINE_NOT_BREACHED'
  | 'UNKNOWN_UNIT'
  | 'TRANSFER_NOT_ALLOWED'
  | 'NOT_COMPETENT_AUTHORITY'
  | 'PERSONAL_DATA_ERASED';

export interface RuleCodeInfo {
  code: RuleCode;
  /** Suggested HTTP status at the edge. */
  status: 400 | 404 | 409 | 422;
  description: string;
  /** The legal text behind the rule, or `ketnap` for a rule of the engine itself. */
  source: string;
}

/** Every rule code, what it means and where it comes from. */
export const RULE_CODES: readonly RuleCodeInfo[] = [
  {
    code: 'INVALID_COMMAND',
    status: 400,
    description: 'A field is missing or malformed (date, number, choice); `details.errors` lists every field.',
    source: 'ketnap',
  },
  {
    code: 'DOSSIER_NOT_FOUND',
    status: 404,
    description: 'A step was recorded for a dossier that has no nomination.',
    source: 'ketnap',
  },
  {
    code: 'DOSSIER_ALREADY_EXISTS',
    status: 409,
    description: 'A second nomination for the same dossier.',
    source: 'ketnap',
  },
  {
    code: 'DOSSIER_CLOSED',
    status: 422,
    description: 'The dossier ended (official, removed, refused or withdrawn); no further step may be recorded.',
    source: 'Party Charter Art. 4–5 (terminal outcomes, DOMAIN.md §2)',
  },
  {
    code: 'STEP_OUT_OF_ORDER',
    status: 422,
    description: 'The step is not the next one of the procedure, or was already recorded.',
    source: 'DOMAIN.md §2 (QĐ 24-QĐ/TW 2021; forms of HD 12-HD/BTCTW 2022)',
  },
  {
    code: 'DATE_IN_FUTURE',
    status: 422,
    description: 'A legal date is later than today (Asia/Ho_Chi_Minh).',
    source: 'ketnap',
  },
  {
    code: 'DATE_BEFORE_PREVIOUS_STEP',
    status: 422,
    description:
      'A legal date is earlier than the previous step of the procedure (a preparation step: than the nomination; the preparation steps are not ordered among themselves).',
    source: 'DOMAIN.md §2 (steps follow one another)',
  },
  {
    code: 'NO_RULE_SET_IN_FORCE',
    status: 422,
    description: 'No rule set covers the legal date (before QĐ 24-QĐ/TW of 30/07/2021).',
    source: 'DOMAIN.md §7',
  },
  {
    code: 'AGE_OUT_OF_RANGE',
    status: 422,
    description:
      'The candidate is not 18 to 60 full years old (counted in months) on the branch meeting date; over 60 needs recorded provincial consent.',
    source:
      'Party Charter Art. 1.2 (from 18); QĐ 24-QĐ/TW 2021 3.1 (to 60, counted in months; over 60 by the provincial committee) [section number unverified]',
  },
  {
    code: 'EDUCATION_BELOW_MINIMUM',
    status: 422,
    description:
      'The candidate has not finished lower-secondary school (literacy only); the branch resolution needs recorded provincial consent naming education (or no grounds).',
    source:
      'Party Charter Art. 1 (trình độ học vấn); QĐ 24-QĐ/TW 2021 3.1 and QĐ 294-QĐ/TW 2025 3.1 (lower secondary; literacy only with provincial standing committee consent, mountainous areas and ethnic minorities) [section number unverified]',
  },
  {
    code: 'CONSENT_AFTER_DECISION',
    status: 422,
    description:
      'The provincial consent recorded with the branch resolution (over 60, literacy only) is dated after the admission decision it allows.',
    source:
      'QĐ 24-QĐ/TW 2021 3.1; QĐ 294-QĐ/TW 2025 3.1 (the consent is a condition of admission) [section number unverified]',
  },
  {
    code: 'CERTIFICATE_EXPIRED',
    status: 422,
    description: 'The awareness-class certificate is older than 60 months on the branch meeting date.',
    source: 'HD 01-HD/TW 2021; HD 06-HD/TW 2025 5.4',
  },
  {
    code: 'DOSSIER_STALE',
    status: 422,
    description:
      'More than 12 months passed since the dossier was compiled; introducer letters and opinions must be renewed.',
    source: 'HD 01-HD/TW 2021 (partly unconfirmed)',
  },
  {
    code: 'BACKGROUND_CHECK_FAILED',
    status: 422,
    description:
      'The latest background verification failed; the dossier cannot go further until a new verification passes.',
    source: 'QĐ 24-QĐ/TW 2021, thẩm tra lý lịch người vào Đảng (DOMAIN.md §2 step 6)',
  },
  {
    code: 'INTRODUCER_NOT_ELIGIBLE',
    status: 422,
    description:
      'Introducers must be two official members who have known the candidate ≥ 12 months, or a Youth Union executive (candidate of youth age) or trade-union executive plus one such member; a Youth Union member of youth age is introduced by the Youth Union executive unless no Youth Union base organisation exists.',
    source: 'Party Charter Art. 4; QĐ 24/294-QĐ/TW 3.2.1, 3.2.2 (Youth Union route); Luật Thanh niên 2020 Art. 1',
  },
  {
    code: 'INVALID_VOTE_COUNT',
    status: 422,
    description: 'Votes for are negative, not whole, or more than the members entitled to vote.',
    source: 'ketnap',
  },
  {
    code: 'VOTE_THRESHOLD_NOT_MET',
    status: 422,
    description:
      'A correction would leave an adopted vote below 2/3 of the members entitled to vote (a vote below 2/3 is recorded as a failed vote, at every level).',
    source:
      'Party Charter Art. 4 (branch: 2/3 of official members), Art. 5.2 (recognition: as for admission); base committee 2/3 per DOMAIN.md step 10 [unconfirmed]',
  },
  {
    code: 'RESOLUTION_BEFORE_PROBATION_END',
    status: 422,
    description: 'The recognition review must be dated after the 12 months of probation end.',
    source: 'Party Charter Art. 5.2; QĐ 24-QĐ/TW 2021 4.2.1',
  },
  {
    code: 'EXTENSION_NOT_ALLOWED',
    status: 422,
    description:
      'A deadline may be extended once, by 1 to 30 working days, before it has passed; a ceremony delay must move the due date later, to a working day.',
    source: 'QĐ 24-QĐ/TW 2021 4.3.1 (extension once, ≤ 30 working days); 4.1 (ceremony delay by the higher committee)',
  },
  {
    code: 'CORRECTION_TARGET_NOT_FOUND',
    status: 422,
    description: 'The correction names an event that is not a step of this dossier.',
    source: 'ketnap',
  },
  {
    code: 'CORRECTION_NOT_ALLOWED',
    status: 422,
    description:
      'The field cannot be corrected (it would change what kind of step was recorded) or the event is not a step.',
    source: 'ketnap',
  },
  {
    code: 'UNKNOWN_UNIT',
    status: 422,
    description:
      "A unit the command names is not in the catalog, or not of a fitting kind: the branch must be a branch; the nominating unit a mass organisation of the branch's party committee, or the branch itself.",
    source: 'DOMAIN.md §1–§2 (units of the commune; step 1, giới thiệu quần chúng ưu tú)',
  },
  {
    code: 'TRANSFER_NOT_ALLOWED',
    status: 422,
    description:
      'A dossier moves only to another branch of the same party committee; what was counted before the transfer stays counted where it was.',
    source: 'DOMAIN.md §5 (counting across transfers); API.md v1 additions (`transferred`)',
  },
  {
    code: 'DEADLINE_NOT_BREACHED',
    status: 422,
    description: 'A breach was recorded for an obligation that is not overdue on that due date.',
    source: 'QĐ 24-QĐ/TW 2021 4.3.1',
  },
  {
    code: 'NOT_COMPETENT_AUTHORITY',
    status: 422,
    description:
      "The body named as deciding (`decidedBy`) is not the competent authority of the dossier's party committee on the decision date: the committee's authority periods, else the rule set's default.",
    source:
      'QĐ 24-QĐ/TW 30/07/2021 4.3.2 and QĐ 232-QĐ/TW 20/01/2025 (district standing committee); QĐ 294-QĐ/TW 26/05/2025 (commune standing committee) [unconfirmed]',
  },
  {
    code: 'PERSONAL_DATA_ERASED',
    status: 409,
    description:
      "The dossier's personal data was erased: it cannot be erased again, and a step whose rules read the candidate's data (age, education, introducers) can no longer be judged.",
    source: 'Personal Data Protection Law 2025 (Luật Bảo vệ dữ liệu cá nhân); API.md v1 additions ("Personal data")',
  },
];

export const ruleCodeInfo = (code: RuleCode): RuleCodeInfo => RULE_CODES.find((r) => r.code === code) as RuleCodeInfo;
