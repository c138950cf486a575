import {
  addDays,
  daysBetween,
  dossierStreamId,
  fullYears,
  ruleSetOn,
  type Actor,
  type CandidatePersonal,
  type DossierCommand,
  type LocalDate,
  type StepEventType,
} from '@ketnap/domain';
import type { EventStore } from '@ketnap/event-store';
import type { DossierService } from '@ketnap/engine';

/** How far a scripted dossier goes after its nomination. */
export type ScriptedOutcome =
  | { until: 'in-preparation' | 'proposed' | 'awaiting-decision'; on: LocalDate }
  | {
      until: 'decision';
      decidedOn: LocalDate;
      outcome: 'admitted' | 'refused';
      /** The branch resolution (default: spread like the other steps); a long gap makes the decision late. */
      proposedOn?: LocalDate;
      ceremonyOn?: LocalDate;
    }
  | { until: 'withdrawn'; on: LocalDate };

/** A dossier described by its counted facts; the steps between are spread evenly over the dates. */
export interface ScriptedDossier {
  branchId: string;
  nominatedBy: string;
  nominatedOn: LocalDate;
  candidate: CandidatePersonal;
  then?: ScriptedOutcome;
}

const PREPARATION = [
  'AssignHelpers',
  'RecordTraining',
  'SubmitApplication',
  'RecordBackgroundVerification',
  'RecordIntroducers',
  'CollectOpinions',
] as const;
type ScriptedStep = (typeof PREPARATION)[number] | 'RecordBranchResolution' | 'RecordCommitteeResolution';

/**
 * Party Charter Art. 4: a Youth Union member of youth age is introduced by the Youth Union base
 * executive and one official member (the commune has a Youth Union); anyone else by two members.
 */
function introducersFor(candidate: CandidatePersonal, on: LocalDate) {
  const member = (name: string) => ({
    kind: 'member' as const,
    name,
    officialSince: '2010-03-02',
    knownSince: addDays(on, -800),
  });
  const youthMaxAge = ruleSetOn(on)?.parameters.youthMaxAgeYears ?? 30;
  const youth = candidate.youthUnionMember === true && fullYears(candidate.birthDate, on) <= youthMaxAge;
  return youth
    ? [{ kind: 'youth-union' as const, name: 'BCH Đoàn xã' }, member('Vi Thị Cúc')]
    : [member('Hoàng Văn Ba'), member('Vi Thị Cúc')];
}

function stepCommand(type: ScriptedStep, on: LocalDate, n: number, candidate: CandidatePersonal): DossierCommand {
  switch (type) {
    case 'AssignHelpers':
      return { type, data: { helpers: [{ name: 'Hoàng Văn Ba', memberId: `dv-${n}` }], assignedOn: on } };
    case 'RecordTraining':
      return {
        type,
        data: {
          certificateNo: `CN-${n}/${on.slice(0, 4)}`,
          issuedOn: on,
          issuer: 'Trung tâm chính trị huyện Hữu Lũng',
        },
      };
    case 'SubmitApplication':
      return { type, data: { submittedOn: on } };
    case 'RecordBackgroundVerification':
      return { type, data: { completedOn: on, outcome: 'passed' } };
    case 'RecordIntroducers':
      return { type, data: { recordedOn: on, introducers: introducersFor(candidate, on) } };
    case 'CollectOpinions':
      return { type, data: { collectedOn: on, summary: 'Đồng ý' } };
    case 'RecordBranchResolution':
      return { type, data: { meetingOn: on, officialMembers: 9, votesFor: 8, resolutionNo: `${n}-NQ/CB` } };
    case 'RecordCommitteeResolution':
      return { type, data: { adoptedOn: on, committeeMembers: 15, votesFor: 13 } };
  }
}

/** The commands after the nomination: preparation, resolutions and the decision, evenly dated. */
export function scriptCommands(d: ScriptedDossier, n: number): DossierCommand[] {
  const then = d.then;
  if (!then) return [];
  const end = then.until === 'decision' ? then.decidedOn : then.on;
  const chain: ScriptedStep[] =
    then.until === 'withdrawn' || then.until === 'in-preparation'
      ? PREPARATION.slice(0, 4)
      : [...PREPARATION, 'RecordBranchResolution'];
  if (then.until === 'awaiting-decision' || then.until === 'decision') chain.push('RecordCommitteeResolution');
  const slots = chain.length + (then.until === 'decision' || then.until === 'withdrawn' ? 1 : 0);
  const spread = (from: LocalDate, to: LocalDate, k: number, of: number) =>
    addDays(from, Math.round((k * daysBetween(from, to)) / of));
  const proposedOn = then.until === 'decision' ? then.proposedOn : undefined;
  const dateOf = (k: number) => {
    if (proposedOn === undefined) return spread(d.nominatedOn, end, k, slots);
    return k <= 7 ? spread(d.nominatedOn, proposedOn, k, 7) : spread(proposedOn, end, k - 7, 2);
  };
  const commands = chain.map((type, i) => stepCommand(type, dateOf(i + 1), n, d.candidate));
  if (then.until === 'withdrawn')
    commands.push({ type: 'WithdrawCandidate', data: { withdrawnOn: end, reason: 'Chuyển đi nơi khác' } });
  if (then.until === 'decision') {
    commands.push({
      type: 'RecordAdmissionDecision',
      data: { decidedOn: end, decisionNo: `${n}-QĐ/HU`, outcome: then.outcome },
    });
    if (then.ceremonyOn) commands.push({ type: 'HoldCeremony', data: { heldOn: then.ceremonyOn } });
  }
  return commands;
}

/**
 * Records scripted dossiers through the write path, as the office would; returns their ids. With a
 * `keyPrefix` every command carries an idempotency key, so the dossier ids are fixed and a second run
 * appends nothing.
 */
export async function recordScript(
  service: DossierService,
  actor: Actor,
  dossiers: readonly ScriptedDossier[],
  keyPrefix?: string,
): Promise<string[]> {
  const ids: string[] = [];
  for (const [i, d] of dossiers.entries()) {
    const key = (k: number) => (keyPrefix === undefined ? {} : { idempotencyKey: `${keyPrefix}-${i + 1}-${k}` });
    const { id } = await service.nominate(
      {
        type: 'NominateCandidate',
        data: { candidate: d.candidate, branchId: d.branchId, nominatedBy: d.nominatedBy, nominatedOn: d.nominatedOn },
      },
      { actor, ...key(0) },
    );
    for (const [k, command] of scriptCommands(d, i + 1).entries())
      await service.execute(id, command, { actor, ...key(k + 1) });
    ids.push(id);
  }
  return ids;
}

/** Corrects fields of a dossier's step of the given type (its latest), with a reason. */
export async function correctStep(
  service: DossierService,
  store: EventStore,
  actor: Actor,
  id: string,
  type: StepEventType,
  changes: Record<string, unknown>,
  reason: string,
): Promise<void> {
  const target = (await store.readStream(dossierStreamId(id))).filter((e) => e.type === type).at(-1);
  if (!target) throw new Error(`dossier ${id} has no ${type} step`);
  await service.execute(id, { type: 'CorrectStep', data: { eventId: target.eventId, changes, reason } }, { actor });
}
