import { fieldError } from '../messages/field-error';
import { DomainError } from '../errors/domain-error';
import type { DossierCommand } from './commands';
import type { DecideContext } from './context';
import { checkStep } from './checks/check-step';
import { buildStep, type StepCommand } from './decide/build-step';
import { correctStep } from './decide/correct-step';
import { legacyStep } from './decide/legacy-step';
import { erasePersonalData } from './decide/erase-personal';
import { recordDeadlineBreach, withdrawDeadlineBreach } from './decide/deadline-breach';
import type { DossierEvent } from './events';
import { checkFields } from './input';
import { SHAPES } from './shapes';
import { isTerminal } from './stage';
import type { DossierState } from './state';

function decideStep(command: StepCommand, state: DossierState, ctx: DecideContext): DossierEvent[] {
  if (command.type === 'NominateCandidate') {
    if (state.exists) throw new DomainError('DOSSIER_ALREADY_EXISTS');
  } else if (isTerminal(state.stage)) {
    throw new DomainError(
      'DOSSIER_CLOSED',
      { stage: { key: `stage.${state.stage!}` }, closedOn: state.closedOn },
      {
        stage: state.stage,
      },
    );
  }
  const legacy = ctx.legacy ? legacyStep(command, state, ctx) : undefined;
  if (legacy) return [legacy];
  const event = buildStep(command, state, ctx);
  checkStep(event, state, ctx);
  return [event];
}

/**
 * What a command records, given the dossier so far: the events to append, or a `DomainError` with a
 * stable code. Pure: no clock (`ctx.now`), no I/O, the state is never changed.
 */
export function decide(command: DossierCommand, state: DossierState, ctx: DecideContext): DossierEvent[] {
  const type = (command as { type?: unknown } | null)?.type;
  const shape =
    typeof type === 'string' && Object.hasOwn(SHAPES, type) ? SHAPES[type as DossierCommand['type']] : undefined;
  if (!shape)
    throw new DomainError(
      'INVALID_COMMAND.unknown-command',
      { type: String(type) },
      { errors: [fieldError('type', 'field.unknown')] },
    );
  const clean = { type, data: checkFields(command.data, shape) } as DossierCommand;
  if (clean.type !== 'NominateCandidate' && !state.exists) {
    throw new DomainError('DOSSIER_NOT_FOUND');
  }
  if (clean.type === 'CorrectStep') return correctStep(clean.data, state, ctx);
  if (clean.type === 'RecordDeadlineBreach') return recordDeadlineBreach(clean.data, state, ctx);
  if (clean.type === 'WithdrawDeadlineBreach') return withdrawDeadlineBreach(clean.data, state, ctx);
  if (clean.type === 'ErasePersonalData') return erasePersonalData(clean.data, state, ctx);
  return decideStep(clean, state, ctx);
}
