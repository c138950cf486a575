import { ACCOUNT_ERROR_CODES } from '../accounts/account-error';
import { INSPECTION_CASE_ERROR_CODES } from '../inspection/inspection-case-error';
import { OBLIGATION_CODES } from '../dossier/shapes';
import { STAGES } from '../dossier/stage';
import { UNIT_KINDS } from '../plan/org-unit';
import { PLAN_ERROR_CODES } from '../plan/plan-error';
import { RULE_CODES } from '../rules/rule-codes';
import { MESSAGES, MESSAGE_AREAS, hasMessage, messageOf, renderMessage } from './catalogue';
import { LOCALES, type MessageText } from './message-text';
import { placeholdersOf } from './render-message';
import { REQUEST_CODES } from './request.messages';

const entries = Object.entries(MESSAGES as Record<string, MessageText>);

describe('the message catalogue', () => {
  it('has a Vietnamese and an English message for every code the domain and the API can answer', () => {
    const codes = [
      ...RULE_CODES.map((rule) => rule.code),
      ...PLAN_ERROR_CODES,
      ...INSPECTION_CASE_ERROR_CODES,
      ...ACCOUNT_ERROR_CODES,
      ...REQUEST_CODES,
    ];
    expect(codes.length).toBeGreaterThan(50);
    expect(codes.filter((code) => !hasMessage(code))).toEqual([]);
    for (const code of codes) for (const locale of LOCALES) expect(messageOf(code, {}, locale)?.trim()).toBeTruthy();
  });

  it('writes every message in both languages with the same placeholders, Vietnamese in composed Unicode', () => {
    const faults = entries.flatMap(([key, text]) => [
      ...(placeholdersOf(text.vi).join() === placeholdersOf(text.en).join() ? [] : [`${key}: placeholders differ`]),
      ...(text.vi.trim() && text.en.trim() ? [] : [`${key}: a language is empty`]),
      ...(text.vi === text.vi.normalize('NFC') ? [] : [`${key}: Vietnamese not NFC`]),
      ...(text.vi !== text.en ? [] : [`${key}: not translated`]),
    ]);
    expect(faults).toEqual([]);
  });

  it('keeps each key in one area file only', () => {
    const seen = new Map<string, string>();
    const twice: string[] = [];
    for (const [area, messages] of Object.entries(MESSAGE_AREAS)) {
      for (const key of Object.keys(messages)) {
        if (seen.has(key)) twice.push(`${key} (${seen.get(key)} and ${area})`);
        seen.set(key, area);
      }
    }
    expect(twice).toEqual([]);
  });

  it('names every stage, obligation and unit kind a refusal puts inside its sentence', () => {
    const keys = [
      ...STAGES.map((stage) => `stage.${stage}`),
      ...OBLIGATION_CODES.map((obligation) => `obligation.${obligation}`),
      ...UNIT_KINDS.flatMap((kind) => [`unit-kind.${kind}`, `parent-kinds.${kind}`]),
    ];
    expect(keys.filter((key) => !hasMessage(key))).toEqual([]);
  });

  it('renders names and numbers inside a sentence in the reader’s language', () => {
    const params = { obligation: { key: 'obligation.admission-decision' }, dueOn: '2024-06-04' } as const;
    expect(messageOf('DEADLINE_NOT_BREACHED', params, 'vi')).toBe(
      'Việc ra quyết định kết nạp chưa quá hạn ngày 04/06/2024.',
    );
    expect(messageOf('DEADLINE_NOT_BREACHED', params, 'en')).toBe(
      'The admission-decision obligation is not overdue for the due date 2024-06-04.',
    );
    expect(messageOf('field.integer-range', { min: 0, max: 10000 }, 'vi')).toBe('phải là số nguyên từ 0 đến 10.000');
    expect(messageOf('NO_SUCH_KEY', {}, 'vi')).toBeUndefined();
  });

  it('renders a plan warning with the table it names and its lists in the reader’s language', () => {
    const table = { key: 'plan.table', params: { index: '1', kind: { key: 'plan.kind-branches' } } } as const;
    const warning = {
      key: 'plan.totals-mismatch',
      params: { table, column: 'Quý I giới thiệu', said: 1200, sum: 3 },
    } as const;
    expect(renderMessage(warning, 'vi')).toBe(
      'biểu 1 (khối chi bộ), dòng Tổng cộng: cột Quý I giới thiệu ghi 1.200 nhưng cộng các dòng được 3',
    );
    expect(renderMessage(warning, 'en')).toBe(
      'table 1 (branches), totals row: Quý I giới thiệu says 1,200 but the rows add up to 3',
    );
    const none = { key: 'plan.mass-orgs-created', params: { units: [table, 'Hội Phụ nữ (hoi-phu-nu)'] } } as const;
    expect(renderMessage(none, 'vi')).toBe(
      'đã tạo các tổ chức đoàn thể: biểu 1 (khối chi bộ), Hội Phụ nữ (hoi-phu-nu)',
    );
    expect(renderMessage({ key: 'plan.recorded-warning', params: { text: 'old text' } }, 'en')).toBe('old text');
  });
});
