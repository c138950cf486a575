import { decodeEvent } from '../events/decode-event';
import { caseIdOfStream, dossierStreamId, inspectionCaseStreamId, personalSubjectOfStream } from '../streams';
import { decideInspectionCase, evolveInspectionCase } from './decide-inspection-case';
import {
  dossierIdOfCase,
  initialInspectionCase,
  inspectionCaseId,
  isInspectionCaseId,
  type InspectionCaseCommand,
  type InspectionCaseEvent,
  type InspectionCaseFacts,
} from './inspection-case';
import { InspectionCaseError } from './inspection-case-error';

const DOSSIER = '0b6f7a52-3c1d-4e8f-9a2b-1c2d3e4f5a6b';
const facts: InspectionCaseFacts = {
  dossierId: DOSSIER,
  branchId: 'chi-bo-thon-dong-lac',
  obligation: 'admission-decision',
  dueOn: '2024-06-04',
  breachedOn: '2024-06-05',
  workingDaysLate: 1,
  explanation: [{ key: 'explain.status-breached-reported', params: { breachedOn: '2024-06-05', days: 1 } }],
};
const opened: InspectionCaseEvent = {
  type: 'InspectionCaseOpened',
  data: { caseId: inspectionCaseId(DOSSIER, 'admission-decision', '2024-06-04'), ...facts },
};
const acknowledged: InspectionCaseEvent = {
  type: 'InspectionCaseAcknowledged',
  data: { personal: { note: 'Đang xác minh' } },
};
const closed: InspectionCaseEvent = {
  type: 'InspectionCaseClosed',
  data: { personal: { finding: 'Chậm 1 ngày', resolution: 'Nhắc nhở' } },
};
const withdrawn: InspectionCaseEvent = { type: 'InspectionCaseWithdrawn', data: { reason: 'on time' } };

const given = (...events: InspectionCaseEvent[]) => events.reduce(evolveInspectionCase, initialInspectionCase());
const when = (command: InspectionCaseCommand, ...events: InspectionCaseEvent[]) =>
  decideInspectionCase(command, given(...events));
const refusal = (run: () => unknown): string | undefined => {
  try {
    run();
  } catch (error) {
    return error instanceof InspectionCaseError ? error.code : `unexpected ${String(error)}`;
  }
  return undefined;
};

const OPEN = { type: 'OpenInspectionCase', data: facts } as const;
const ACK = { type: 'AcknowledgeInspectionCase', data: {} } as const;
const CLOSE = { type: 'CloseInspectionCase', data: { finding: 'Chậm 1 ngày', resolution: 'Nhắc nhở' } } as const;
const WITHDRAW = { type: 'WithdrawInspectionCase', data: { reason: 'on time' } } as const;

describe('inspection case ids', () => {
  it('are readable, deterministic and free of ":"', () => {
    const id = inspectionCaseId(DOSSIER, 'admission-ceremony', '2024-07-01');
    expect(id).toBe(`${DOSSIER}_admission-ceremony_2024-07-01`);
    expect(isInspectionCaseId(id)).toBe(true);
    expect(isInspectionCaseId('x_admission-ceremony_2024-07-01')).toBe(false);
    expect(caseIdOfStream(inspectionCaseStreamId(id))).toBe(id);
    expect(caseIdOfStream(`dossier-${DOSSIER}`)).toBeUndefined();
  });
});

describe('the inspection case decider', () => {
  it('opens a case once: a duplicate opening records nothing', () => {
    expect(when(OPEN)).toEqual([opened]);
    expect(when(OPEN, opened)).toEqual([]);
    expect(when(OPEN, opened, acknowledged)).toEqual([]);
    expect(when(OPEN, opened, closed)).toEqual([]);
  });

  it('opens a withdrawn case again when its breach comes back', () => {
    expect(when(OPEN, opened, withdrawn)).toEqual([opened]);
    expect(given(opened, withdrawn, opened)).toMatchObject({ status: 'open', openings: 2 });
  });

  it('acknowledges an open case, with or without a note', () => {
    expect(when({ type: 'AcknowledgeInspectionCase', data: { note: 'Đang xác minh' } }, opened)).toEqual([
      acknowledged,
    ]);
    expect(when(ACK, opened)).toEqual([{ type: 'InspectionCaseAcknowledged', data: { personal: {} } }]);
  });

  it("keeps an inspector's text only in the personal part, and reads version 1 events into it", () => {
    expect(decodeEvent({ type: 'InspectionCaseAcknowledged', schemaVersion: 1, data: { note: 'n' } }).data).toEqual({
      personal: { note: 'n' },
    });
    expect(decodeEvent({ type: 'InspectionCaseAcknowledged', schemaVersion: 1, data: {} }).data).toEqual({
      personal: {},
    });
    expect(
      decodeEvent({ type: 'InspectionCaseClosed', schemaVersion: 1, data: { finding: 'f', resolution: 'r' } }).data,
    ).toEqual({ personal: { finding: 'f', resolution: 'r' } });
    // once erased (the dossier's key destroyed) the part reads null: the case keeps its status
    const erasedAck = { type: 'InspectionCaseAcknowledged', data: { personal: null } } as const;
    const erasedClose = { type: 'InspectionCaseClosed', data: { personal: null } } as const;
    expect(given(opened, erasedAck, erasedClose)).toEqual({ status: 'closed', facts: opened.data, openings: 1 });
  });

  it('seals a case with the key of the dossier it was opened for', () => {
    const caseId = inspectionCaseId(DOSSIER, 'admission-decision', '2024-06-04');
    expect(dossierIdOfCase(caseId)).toBe(DOSSIER);
    expect(personalSubjectOfStream(inspectionCaseStreamId(caseId))).toBe(DOSSIER);
    expect(personalSubjectOfStream(dossierStreamId(DOSSIER))).toBe(DOSSIER);
    expect(personalSubjectOfStream(inspectionCaseStreamId('not-a-case'))).toBeUndefined();
    expect(personalSubjectOfStream('units')).toBeUndefined();
  });

  it('closes an open or acknowledged case with its finding and resolution', () => {
    expect(when(CLOSE, opened)).toEqual([closed]);
    expect(when(CLOSE, opened, acknowledged)).toEqual([closed]);
    expect(given(opened, acknowledged, closed)).toMatchObject({
      status: 'closed',
      note: 'Đang xác minh',
      finding: 'Chậm 1 ngày',
      resolution: 'Nhắc nhở',
    });
  });

  it.each([
    ['acknowledge an unknown case', ACK, [], 'INSPECTION_CASE_NOT_FOUND'],
    ['close an unknown case', CLOSE, [], 'INSPECTION_CASE_NOT_FOUND'],
    ['acknowledge twice', ACK, [opened, acknowledged], 'CASE_ALREADY_ACKNOWLEDGED'],
    ['acknowledge a closed case', ACK, [opened, closed], 'CASE_CLOSED'],
    ['close a closed case', CLOSE, [opened, closed], 'CASE_CLOSED'],
    ['close a withdrawn case', CLOSE, [opened, withdrawn], 'CASE_WITHDRAWN'],
    ['acknowledge a withdrawn case', ACK, [opened, withdrawn], 'CASE_WITHDRAWN'],
    [
      'close without a finding',
      { type: 'CloseInspectionCase', data: { finding: ' ', resolution: 'r' } },
      [opened],
      'INVALID_COMMAND',
    ],
    [
      'close with a resolution too long',
      { type: 'CloseInspectionCase', data: { finding: 'f', resolution: 'r'.repeat(4001) } },
      [opened],
      'INVALID_COMMAND',
    ],
    [
      'acknowledge with an empty note',
      { type: 'AcknowledgeInspectionCase', data: { note: '' } },
      [opened],
      'INVALID_COMMAND',
    ],
  ] as Array<[string, InspectionCaseCommand, InspectionCaseEvent[], string]>)(
    'refuses to %s',
    (_, command, events, code) => {
      expect(refusal(() => when(command, ...events))).toBe(code);
    },
  );

  it('withdraws an open or acknowledged case, and nothing else', () => {
    expect(when(WITHDRAW, opened)).toEqual([withdrawn]);
    expect(when(WITHDRAW, opened, acknowledged)).toEqual([withdrawn]);
    expect(when(WITHDRAW)).toEqual([]);
    expect(when(WITHDRAW, opened, closed)).toEqual([]);
    expect(when(WITHDRAW, opened, withdrawn)).toEqual([]);
    expect(given(opened, withdrawn)).toMatchObject({ status: 'withdrawn', withdrawnReason: 'on time' });
  });
});
