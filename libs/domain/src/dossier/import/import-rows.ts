import { DomainError } from '../../errors/domain-error';
import { fieldError, type FieldError } from '../../messages/field-error';
import type { DossierCommand, DossierCommandType } from '../commands';
import { LEGAL_DATE_FIELD } from '../event-facts';
import { EVENT_COMMANDS, STEP_COMMANDS } from '../steps';
import { commandFields, type FieldSpec } from './command-fields';
import type { Sheet } from './spreadsheet';

/**
 * The steps a spreadsheet row may name (`step` column): `nomination` and API.md's route steps, from
 * `STEP_COMMANDS`, so a step added there can be imported at once. A correction names an event id
 * ketnap gave, which a paper dossier has not: it is not imported.
 */
export function importSteps(): Record<string, DossierCommandType> {
  const steps: Record<string, DossierCommandType> = { nomination: 'NominateCandidate' };
  for (const [step, type] of Object.entries(STEP_COMMANDS)) if (type !== 'CorrectStep') steps[step] = type;
  return steps;
}

/** The field of a command's data that holds the step's legal date (`date` column). */
export function legalDateFieldOf(type: DossierCommandType): string | undefined {
  const event = Object.entries(EVENT_COMMANDS).find(([, command]) => command === type)?.[0];
  return event === undefined ? undefined : (LEGAL_DATE_FIELD as Record<string, string>)[event];
}

/** One row of a dossier: the command it records, or why it cannot be read. */
export interface ImportRow {
  /** The row number as the spreadsheet shows it (the header is row 1). */
  row: number;
  step: string;
  command?: DossierCommand;
  error?: DomainError;
}

/** A dossier of the spreadsheet: its key (the office's own dossier number) and its rows, in file order. */
export interface ImportDossier {
  key: string;
  rows: ImportRow[];
}

export interface ImportSheet {
  dossiers: ImportDossier[];
  /** Columns of the header that are no field of any step, repeated or missing; the file is not read. */
  columnErrors: FieldError[];
  rows: number;
}

export interface ImportOptions {
  /** The column holding the office's dossier number; default `dossier`. */
  keyColumn?: string;
}

const STEP_COLUMN = 'step';
const DATE_COLUMN = 'date';
const isComment = (column: string) => column.startsWith('#');

type Resolved = { spec: FieldSpec; path: Array<string | number> } | undefined;

/** The field a column names in a command's fields: `candidate.fullName`, `introducers.2.name`, `introducers`. */
function resolve(column: string, specs: FieldSpec[]): Resolved {
  const segments = column.split('.');
  const path: Array<string | number> = [];
  let level = specs;
  for (let i = 0; i < segments.length; i += 1) {
    const spec = level.find((s) => s.name === segments[i]);
    if (!spec) return undefined;
    path.push(spec.name);
    const rest = segments.length - i - 1;
    if (rest === 0) return { spec, path };
    if (spec.kind === 'object') level = spec.children ?? [];
    else if (spec.kind === 'list') {
      const index = segments[i + 1];
      if (!/^[1-9]\d{0,2}$/.test(index)) return undefined;
      path.push(Number(index) - 1);
      i += 1;
      if (rest === 1) return { spec: { name: spec.name, kind: 'object', children: spec.children }, path };
      level = spec.children ?? [];
    } else return undefined;
  }
  return undefined;
}

/** `dd/mm/yyyy` (or with `-` or `.`), as Vietnamese spreadsheets write dates, to `yyyy-mm-dd`. */
function dateCell(cell: string): string {
  const m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(cell);
  if (!m) return cell;
  return `${m[3]}-${m[2].padStart(2, '0')}-${m[1].padStart(2, '0')}`;
}

const TRUE = ['true', 'yes', 'x', '1', 'có', 'co'];
const FALSE = ['false', 'no', '0', 'không', 'khong'];

/**
 * A cell as its field's value: a whole number for a count, true/false for a yes/no field (`có`/`không`
 * too), a date from `dd/mm/yyyy`, JSON for a whole list or object, choices separated by commas or
 * semicolons (`age; education`); anything else is kept as text, for
 * the command's shape to refuse with the field's message.
 */
function valueOf(cell: string, spec: FieldSpec): unknown {
  switch (spec.kind) {
    case 'int':
    case 'number':
      return /^[+-]?\d+$/.test(cell) ? Number(cell) : cell;
    case 'bool': {
      const lower = cell.toLowerCase();
      return TRUE.includes(lower) ? true : FALSE.includes(lower) ? false : cell;
    }
    case 'date':
      return dateCell(cell);
    case 'choices':
      return cell
        .split(/[,;]/)
        .map((choice) => choice.trim())
        .filter(Boolean);
    case 'object':
    case 'list':
    case 'record':
      try {
        return JSON.parse(cell) as unknown;
      } catch {
        return cell;
      }
    default:
      return cell;
  }
}

function setAt(target: Record<string, unknown>, path: Array<string | number>, value: unknown): void {
  let node: Record<string | number, unknown> = target;
  path.forEach((key, i) => {
    if (i === path.length - 1) node[key] = value;
    else {
      node[key] ??= typeof path[i + 1] === 'number' ? [] : {};
      node = node[key] as Record<string | number, unknown>;
    }
  });
}

/** Lists written in numbered columns, with the empty numbers left out. */
function compact(value: unknown): unknown {
  if (Array.isArray(value)) return value.filter((item) => item !== undefined).map(compact);
  if (typeof value === 'object' && value !== null)
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, compact(v)]));
  return value;
}

const invalid = (errors: FieldError[]) =>
  new DomainError('INVALID_COMMAND', { fields: errors.map((e) => e.field) }, { errors });

/** The command a row records, from its `step`, `date` and field columns. */
function commandOf(
  step: string,
  cells: ReadonlyMap<string, string>,
  steps: Record<string, DossierCommandType>,
): DossierCommand {
  const type = Object.hasOwn(steps, step) ? steps[step] : undefined;
  if (type === undefined) throw invalid([fieldError(STEP_COLUMN, 'field.one-of', { values: Object.keys(steps) })]);
  const specs = commandFields(type);
  const data: Record<string, unknown> = {};
  const errors: FieldError[] = [];
  for (const [column, cell] of cells) {
    if (column === DATE_COLUMN) continue;
    const found = resolve(column, specs);
    if (!found) errors.push(fieldError(column, 'field.not-allowed'));
    else setAt(data, found.path, valueOf(cell, found.spec));
  }
  const dateField = legalDateFieldOf(type);
  const date = cells.get(DATE_COLUMN);
  if (date !== undefined && dateField !== undefined) {
    const given = dateCell(date);
    if (data[dateField] === undefined) data[dateField] = given;
    else if (data[dateField] !== given) errors.push(fieldError(DATE_COLUMN, 'field.invalid'));
  }
  if (errors.length > 0) throw invalid(errors);
  return { type, data: compact(data) } as DossierCommand;
}

/** The columns no step has (or repeated, or missing): the header's errors. */
function columnErrorsOf(header: readonly string[], keyColumn: string, steps: Record<string, DossierCommandType>) {
  const errors: FieldError[] = [];
  const allSpecs = Object.values(steps).map(commandFields);
  const seen = new Set<string>();
  for (const column of header) {
    if (column === '') continue;
    if (seen.has(column)) errors.push(fieldError(column, 'field.header-once'));
    seen.add(column);
    if ([keyColumn, STEP_COLUMN, DATE_COLUMN].includes(column) || isComment(column)) continue;
    if (!allSpecs.some((specs) => resolve(column, specs))) errors.push(fieldError(column, 'field.unknown'));
  }
  for (const column of [keyColumn, STEP_COLUMN])
    if (!seen.has(column)) errors.push(fieldError(column, 'field.required'));
  return errors;
}

/**
 * The dossiers of a spreadsheet, one row per step (README "Import of paper dossiers"): rows grouped
 * by the key column in the order the file first names each key, each dossier's rows in file order.
 * A row that cannot be read carries its `INVALID_COMMAND` refusal; the rules are `decide`'s to judge.
 */
export function readImportSheet(sheet: Sheet, options: ImportOptions = {}): ImportSheet {
  const keyColumn = options.keyColumn ?? 'dossier';
  const steps = importSteps();
  const columnErrors = columnErrorsOf(sheet.header, keyColumn, steps);
  if (columnErrors.length > 0) return { dossiers: [], columnErrors, rows: sheet.records.length };
  const byKey = new Map<string, ImportDossier>();
  const dossiers: ImportDossier[] = [];
  for (const record of sheet.records) {
    const cells = new Map<string, string>();
    sheet.header.forEach((column, i) => {
      const cell = record.cells[i] ?? '';
      if (column !== '' && !isComment(column) && cell !== '') cells.set(column, cell);
    });
    const key = cells.get(keyColumn) ?? '';
    const step = (cells.get(STEP_COLUMN) ?? '').toLowerCase();
    cells.delete(keyColumn);
    cells.delete(STEP_COLUMN);
    const extra = record.cells.slice(sheet.header.length).some((c) => c !== '');
    const row: ImportRow = { row: record.row, step };
    try {
      if (key === '') throw invalid([fieldError(keyColumn, 'field.required')]);
      if (extra) throw invalid([fieldError(`#${sheet.header.length + 1}`, 'field.not-allowed')]);
      row.command = commandOf(step, cells, steps);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      row.error = error;
    }
    const dossier = key === '' ? undefined : byKey.get(key);
    if (dossier) dossier.rows.push(row);
    else {
      const created = { key, rows: [row] };
      if (key !== '') byKey.set(key, created);
      dossiers.push(created);
    }
  }
  return { dossiers, columnErrors, rows: sheet.records.length };
}
