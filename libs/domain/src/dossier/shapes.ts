import { EDUCATION_LEVELS, type DossierCommandType } from './commands';
import type { Fields } from './input';
import { COUNT_LIMITS, TEXT_LIMITS as T } from './limits';

const GENDERS = ['male', 'female'];
const EDUCATION = EDUCATION_LEVELS;
const CONSENT_GROUNDS = ['age', 'education'];
const INTRODUCER_KINDS = ['member', 'youth-union', 'trade-union'];
export const OBLIGATION_CODES = [
  'admission-decision',
  'admission-ceremony',
  'recognition-review',
  'recognition-decision',
  'certificate-validity',
  'dossier-freshness',
  'member-profile',
] as const;

const helpersShape = (f: Fields) => {
  f.list('helpers', (h) => {
    h.text('name');
    h.text('memberId', true, T.code);
  });
  f.date('assignedOn');
};

const certificateShape = (f: Fields) => {
  f.text('certificateNo', false, T.code);
  f.date('issuedOn');
  f.text('issuer');
};

export function candidateShape(f: Fields): void {
  f.text('fullName');
  f.date('birthDate');
  f.oneOf('gender', GENDERS);
  f.text('ethnicity', false, T.term);
  f.text('religion', true, T.term);
  f.oneOf('educationLevel', EDUCATION);
  f.text('occupation', true, T.name);
  f.bool('youthUnionMember');
  f.text('residence', true, T.residence);
}

const votes = (members: string, max: number) => (f: Fields) => {
  f.number(members, max);
  f.number('votesFor', max);
};

/** The shape of each command's data: API.md request bodies. */
export const SHAPES: Record<DossierCommandType, (f: Fields) => void> = {
  NominateCandidate: (f) => {
    f.object('candidate', candidateShape);
    f.unitId('branchId');
    f.unitId('nominatedBy');
    f.date('nominatedOn');
  },
  AssignHelpers: helpersShape,
  RecordTraining: certificateShape,
  SubmitApplication: (f) => f.date('submittedOn'),
  RecordBackgroundVerification: (f) => {
    f.date('completedOn');
    f.oneOf('outcome', ['passed', 'failed']);
    f.bool('exempt');
    f.text('notes', true, T.prose);
  },
  RecordIntroducers: (f) => {
    f.date('recordedOn');
    f.list('introducers', (i) => {
      i.oneOf('kind', INTRODUCER_KINDS);
      i.text('name');
      i.date('officialSince', true);
      i.date('knownSince', true);
    });
    f.bool('noYouthUnionBase');
  },
  CollectOpinions: (f) => {
    f.date('collectedOn');
    f.text('summary', true, T.prose);
  },
  RecordBranchResolution: (f) => {
    f.date('meetingOn');
    votes('officialMembers', COUNT_LIMITS.branchMembers)(f);
    f.text('resolutionNo', true, T.code);
    f.object(
      'provincialConsent',
      (c) => {
        c.text('documentNo', false, T.code);
        c.date('givenOn');
        c.choices('grounds', CONSENT_GROUNDS, true);
      },
      true,
    );
  },
  RecordCommitteeResolution: (f) => {
    f.date('adoptedOn');
    votes('committeeMembers', COUNT_LIMITS.committeeMembers)(f);
    f.date('submittedOn', true);
  },
  RecordAdmissionDecision: (f) => {
    f.date('decidedOn');
    f.text('decisionNo', false, T.code);
    f.oneOf('outcome', ['admitted', 'refused']);
    f.date('receivedOn', true);
    f.unitId('decidedBy', true);
  },
  ExtendDecisionDeadline: (f) => {
    f.date('extendedOn');
    f.int('workingDays', 1);
    f.text('reason', false, T.prose);
  },
  HoldCeremony: (f) => f.date('heldOn'),
  ApproveCeremonyDelay: (f) => {
    f.date('approvedOn');
    f.date('newDueOn');
    f.text('approvedBy');
    f.text('reason', false, T.prose);
  },
  RecordRecognitionReview: (f) => {
    f.date('meetingOn');
    votes('officialMembers', COUNT_LIMITS.branchMembers)(f);
    f.oneOf('proposal', ['recognize', 'remove']);
  },
  RecordRecognitionResolution: (f) => {
    f.date('adoptedOn');
    votes('committeeMembers', COUNT_LIMITS.committeeMembers)(f);
    f.oneOf('proposal', ['recognize', 'remove']);
    f.text('resolutionNo', true, T.code);
  },
  AssignProbationHelpers: helpersShape,
  FileMemberProfile: (f) => f.date('filedOn'),
  RecordNewMemberClass: certificateShape,
  TransferDossier: (f) => {
    f.date('transferredOn');
    f.unitId('toBranchId');
    f.text('reason', false, T.prose);
  },
  EndMembership: (f) => {
    f.date('endedOn');
    f.oneOf('reason', ['removed', 'deceased']);
    f.text('decisionNo', true, T.code);
  },
  RecordRecognitionDecision: (f) => {
    f.date('decidedOn');
    f.text('decisionNo', false, T.code);
    f.oneOf('outcome', ['official', 'removed']);
    f.unitId('decidedBy', true);
  },
  WithdrawCandidate: (f) => {
    f.date('withdrawnOn');
    f.text('reason', false, T.prose);
  },
  CorrectStep: (f) => {
    f.text('eventId', false, T.code);
    f.record('changes');
    f.text('reason', false, T.prose);
  },
  RecordDeadlineBreach: (f) => {
    f.oneOf('obligation', OBLIGATION_CODES);
    f.date('dueOn');
    f.date('breachedOn');
    f.int('workingDaysLate', 0);
  },
  WithdrawDeadlineBreach: (f) => {
    f.oneOf('obligation', OBLIGATION_CODES);
    f.date('dueOn');
    f.text('reason', false, T.prose);
  },
  ErasePersonalData: (f) => {
    f.text('reason', false, T.prose);
    f.text('legalBasis', false, T.prose);
  },
};
