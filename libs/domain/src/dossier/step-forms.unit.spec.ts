import { checkFields } from './input';
import { SHAPES } from './shapes';
import { stepForms, type FieldSpec } from './step-forms';
import { STEP_COMMANDS } from './steps';

/** A value a field of `spec` accepts. */
function sample(spec: FieldSpec): unknown {
  switch (spec.kind) {
    case 'date':
      return '2024-03-07';
    case 'text':
      return 'x';
    case 'unit':
      return 'chi-bo-lang-gia';
    case 'integer':
    case 'number':
      return spec.min ?? 1;
    case 'one-of':
      return spec.values![0];
    case 'choices':
      return [spec.values![0]];
    case 'boolean':
      return true;
    case 'record':
      return {};
    case 'object':
      return bodyOf(spec.fields!);
    case 'list':
      return [bodyOf(spec.fields!)];
  }
}

const bodyOf = (specs: FieldSpec[]) => Object.fromEntries(specs.map((s) => [s.name, sample(s)]));
const requiredOnly = (specs: FieldSpec[]) =>
  Object.fromEntries(specs.filter((s) => !s.optional).map((s) => [s.name, sample(s)]));

describe('stepForms', () => {
  const forms = stepForms();

  it('names every step route but the correction', () => {
    expect(Object.keys(forms)).toEqual(Object.keys(STEP_COMMANDS).filter((s) => s !== 'correction'));
  });

  it.each(Object.entries(forms))(
    "%s: a body filled from its fields passes the shape's check, all fields or only the required ones",
    (step, specs) => {
      const shape = SHAPES[STEP_COMMANDS[step as keyof typeof STEP_COMMANDS]];
      expect(() => checkFields(bodyOf(specs), shape)).not.toThrow();
      expect(() => checkFields(requiredOnly(specs), shape)).not.toThrow();
    },
  );

  it('says which fields are required: an empty body is refused for exactly those', () => {
    const specs = forms['committee-resolution'];
    const shape = SHAPES.RecordCommitteeResolution;
    expect(() => checkFields({}, shape)).toThrow(
      expect.objectContaining({
        details: {
          errors: specs.filter((s) => !s.optional).map((s) => expect.objectContaining({ field: s.name })),
        },
      }),
    );
  });
});
