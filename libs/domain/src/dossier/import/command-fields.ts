import type { DossierCommandType } from '../commands';
import type { Fields } from '../input';
import { SHAPES } from '../shapes';

/** What a field of a command's data holds, as its shape (`SHAPES`) checks it. */
export type FieldKind =
  'date' | 'text' | 'unit-id' | 'int' | 'number' | 'one-of' | 'choices' | 'bool' | 'record' | 'object' | 'list';

export interface FieldSpec {
  name: string;
  kind: FieldKind;
  /** The fields of an object, or of each item of a list. */
  children?: FieldSpec[];
}

/** Stands in for `Fields` to read a shape: it records each field's name and kind instead of checking one. */
class ShapeReader {
  readonly specs: FieldSpec[] = [];
  private add(name: string, kind: FieldKind, children?: FieldSpec[]): void {
    this.specs.push({ name, kind, ...(children && { children }) });
  }
  private nested(check: (f: Fields) => void): FieldSpec[] {
    const reader = new ShapeReader();
    check(asFields(reader));
    return reader.specs;
  }
  date(name: string): void {
    this.add(name, 'date');
  }
  text(name: string): void {
    this.add(name, 'text');
  }
  unitId(name: string): void {
    this.add(name, 'unit-id');
  }
  int(name: string): void {
    this.add(name, 'int');
  }
  number(name: string): void {
    this.add(name, 'number');
  }
  oneOf(name: string): void {
    this.add(name, 'one-of');
  }
  choices(name: string): void {
    this.add(name, 'choices');
  }
  bool(name: string): void {
    this.add(name, 'bool');
  }
  record(name: string): void {
    this.add(name, 'record');
  }
  object(name: string, check: (f: Fields) => void): void {
    this.add(name, 'object', this.nested(check));
  }
  list(name: string, check: (f: Fields) => void): void {
    this.add(name, 'list', this.nested(check));
  }
}

/** A reader that also takes a kind of field `Fields` may learn later, as text (the shape still checks it). */
const asFields = (reader: ShapeReader): Fields =>
  new Proxy(reader, {
    get: (target, property) =>
      property in target ? (Reflect.get(target, property) as unknown) : (name: string) => target.text(name),
  }) as unknown as Fields;

/**
 * The fields of a command's data (API.md request bodies), read from the shape that checks them: so a
 * new command's fields are known here as soon as its shape is written.
 */
export function commandFields(type: DossierCommandType): FieldSpec[] {
  const reader = new ShapeReader();
  SHAPES[type](asFields(reader));
  return reader.specs;
}
