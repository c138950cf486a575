import type { Fields } from './input';
import { SHAPES } from './shapes';
import { STEP_COMMANDS, type StepName } from './steps';

/** One field of a step's body, as a form shows it: read from the same shape the domain checks it by. */
export interface FieldSpec {
  name: string;
  kind:
    'date' | 'text' | 'unit' | 'integer' | 'number' | 'one-of' | 'choices' | 'boolean' | 'object' | 'list' | 'record';
  optional: boolean;
  /** The longest text, the largest number. */
  max?: number;
  min?: number;
  /** The values of a `one-of` or `choices` field. */
  values?: readonly string[];
  /** The fields of an object, or of each entry of a list. */
  fields?: FieldSpec[];
}

/** Reads a shape by walking it like `Fields` does, recording each field instead of checking a value. */
class FieldRecorder implements Omit<Fields, 'out'> {
  readonly specs: FieldSpec[] = [];

  private add(spec: FieldSpec): void {
    this.specs.push(spec);
  }

  date(name: string, optional = false): void {
    this.add({ name, kind: 'date', optional });
  }
  text(name: string, optional = false, max?: number): void {
    this.add({ name, kind: 'text', optional, ...(max !== undefined && { max }) });
  }
  unitId(name: string, optional = false): void {
    this.add({ name, kind: 'unit', optional });
  }
  int(name: string, min: number, max?: number): void {
    this.add({ name, kind: 'integer', optional: false, min, ...(max !== undefined && { max }) });
  }
  number(name: string, max?: number): void {
    this.add({ name, kind: 'number', optional: false, ...(max !== undefined && { max }) });
  }
  oneOf(name: string, values: readonly string[], optional = false): void {
    this.add({ name, kind: 'one-of', optional, values });
  }
  choices(name: string, values: readonly string[], optional = false): void {
    this.add({ name, kind: 'choices', optional, values });
  }
  bool(name: string): void {
    this.add({ name, kind: 'boolean', optional: true });
  }
  object(name: string, check: (f: Fields) => void, optional = false): void {
    this.add({ name, kind: 'object', optional, fields: shapeFields(check) });
  }
  record(name: string): void {
    this.add({ name, kind: 'record', optional: false });
  }
  list(name: string, check: (f: Fields) => void): void {
    this.add({ name, kind: 'list', optional: false, fields: shapeFields(check) });
  }
}

/** The fields a shape asks for, in its order. */
export function shapeFields(shape: (f: Fields) => void): FieldSpec[] {
  const recorder = new FieldRecorder();
  shape(recorder as unknown as Fields);
  return recorder.specs;
}

/**
 * The body of each step route (API.md step table) as fields, from `SHAPES`: what a form asks for is
 * what the domain checks, one source. The correction is left out: it amends another step.
 */
export function stepForms(): Record<Exclude<StepName, 'correction'>, FieldSpec[]> {
  const steps = (Object.keys(STEP_COMMANDS) as StepName[]).filter((s) => s !== 'correction');
  return Object.fromEntries(steps.map((s) => [s, shapeFields(SHAPES[STEP_COMMANDS[s]])])) as Record<
    Exclude<StepName, 'correction'>,
    FieldSpec[]
  >;
}
