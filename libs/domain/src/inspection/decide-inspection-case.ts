import { exhaustive } from '../dossier/exhaustive';
import { fieldError } from '../messages/field-error';
import type {
  AcknowledgeInspectionCase,
  CloseInspectionCase,
  InspectionCaseCommand,
  InspectionCaseEvent,
  InspectionCaseState,
  OpenInspectionCase,
  WithdrawInspectionCase,
} from './inspection-case';
import { inspectionCaseId } from './inspection-case';
import { InspectionCaseError } from './inspection-case-error';

const MAX_TEXT = 4000;

function text(value: unknown, field: string, required: boolean): void {
  if (value === undefined && !required) return;
  if (typeof value !== 'string' || value.trim() === '' || value.length > MAX_TEXT) {
    const error =
      value === undefined
        ? fieldError(field, 'field.required')
        : fieldError(field, 'field.text-length', { max: MAX_TEXT });
    throw new InspectionCaseError('INVALID_COMMAND.case-text', { field, max: MAX_TEXT }, { errors: [error] });
  }
}

/** The case must exist and still be worked: a closed or withdrawn case takes no further step. */
function assertWorkable(state: InspectionCaseState): void {
  if (state.status === 'none') throw new InspectionCaseError('INSPECTION_CASE_NOT_FOUND');
  if (state.status === 'closed') throw new InspectionCaseError('CASE_CLOSED');
  if (state.status === 'withdrawn') {
    throw new InspectionCaseError('CASE_WITHDRAWN', {}, { reason: state.withdrawnReason });
  }
}

/**
 * DOMAIN.md §3: every escalation goes to the inspection committee of the commune party committee as
 * an inspection case with the full procedure history (QĐ 24-QĐ/TW 4.3.1: the late body answers to
 * the committee above). A case withdrawn earlier opens again when its breach comes back.
 */
function open({ data }: OpenInspectionCase, state: InspectionCaseState): InspectionCaseEvent[] {
  if (state.status !== 'none' && state.status !== 'withdrawn') return [];
  return [
    {
      type: 'InspectionCaseOpened',
      data: { caseId: inspectionCaseId(data.dossierId, data.obligation, data.dueOn), ...data },
    },
  ];
}

/** The inspector takes the case up; an optional note. Only an open case. */
function acknowledge({ data }: AcknowledgeInspectionCase, state: InspectionCaseState): InspectionCaseEvent[] {
  text(data.note, 'note', false);
  assertWorkable(state);
  if (state.status === 'acknowledged') throw new InspectionCaseError('CASE_ALREADY_ACKNOWLEDGED');
  return [
    { type: 'InspectionCaseAcknowledged', data: { personal: data.note === undefined ? {} : { note: data.note } } },
  ];
}

/** The inspector closes the case with a finding (kết luận) and a resolution (biện pháp xử lý). */
function close({ data }: CloseInspectionCase, state: InspectionCaseState): InspectionCaseEvent[] {
  text(data.finding, 'finding', true);
  text(data.resolution, 'resolution', true);
  assertWorkable(state);
  return [{ type: 'InspectionCaseClosed', data: { personal: { finding: data.finding, resolution: data.resolution } } }];
}

/** Saga-issued. A closed case keeps its finding; nothing to withdraw gives no event. */
function withdraw({ data }: WithdrawInspectionCase, state: InspectionCaseState): InspectionCaseEvent[] {
  text(data.reason, 'reason', true);
  if (state.status !== 'open' && state.status !== 'acknowledged') return [];
  return [{ type: 'InspectionCaseWithdrawn', data: { reason: data.reason } }];
}

/** The events a command records on a case, or an {@link InspectionCaseError}. Pure. */
export function decideInspectionCase(
  command: InspectionCaseCommand,
  state: InspectionCaseState,
): InspectionCaseEvent[] {
  switch (command.type) {
    case 'OpenInspectionCase':
      return open(command, state);
    case 'AcknowledgeInspectionCase':
      return acknowledge(command, state);
    case 'CloseInspectionCase':
      return close(command, state);
    case 'WithdrawInspectionCase':
      return withdraw(command, state);
    default:
      return exhaustive(command, []);
  }
}

export function evolveInspectionCase(state: InspectionCaseState, event: InspectionCaseEvent): InspectionCaseState {
  switch (event.type) {
    case 'InspectionCaseOpened':
      return { status: 'open', facts: event.data, openings: state.openings + 1 };
    case 'InspectionCaseAcknowledged': {
      const note = event.data.personal?.note;
      return { ...state, status: 'acknowledged', ...(note !== undefined && { note }) };
    }
    case 'InspectionCaseClosed': {
      const texts = event.data.personal;
      return { ...state, status: 'closed', ...(texts && { finding: texts.finding, resolution: texts.resolution }) };
    }
    case 'InspectionCaseWithdrawn':
      return { ...state, status: 'withdrawn', withdrawnReason: event.data.reason };
    default:
      return exhaustive(event, state);
  }
}
