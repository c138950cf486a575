import {
  ValidationPipe,
  type ArgumentMetadata,
  type Type,
  type ValidationError,
  type ValidationPipeOptions,
} from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { getMetadataStorage, validateSync } from 'class-validator';
import { UNIT_ID_PATTERN, fieldError, type FieldError, type FieldMessageKey, type MessageParams } from '@ketnap/domain';
import { ProblemException } from '../problem/problem';

type FieldMessage = { key: FieldMessageKey; params?: MessageParams };
/** The message a DTO names in a validation's `context`. */
type OwnMessage = { message: FieldMessageKey; params?: MessageParams };

/** The arguments of each validation a DTO declares on a property (`max` → `[10000]`), by validator name. */
function declaredOn(target: object | undefined, property: string): Map<string, unknown[]> {
  const declared = new Map<string, unknown[]>();
  if (!target) return declared;
  for (const meta of getMetadataStorage().getTargetValidationMetadatas(target.constructor, '', true, false)) {
    if (meta.propertyName === property && meta.name) declared.set(meta.name, meta.constraints ?? []);
  }
  return declared;
}

const bounded = (kind: 'integer' | 'number', min: unknown, max: unknown): FieldMessage => {
  if (min !== undefined && max !== undefined && kind === 'integer')
    return { key: 'field.integer-range', params: { min: min as number, max: max as number } };
  if (min !== undefined) return { key: `field.${kind}-min`, params: { min: min as number } };
  if (max !== undefined) return { key: `field.${kind}-max`, params: { max: max as number } };
  return { key: kind === 'integer' ? 'field.integer' : 'field.number' };
};

/**
 * The one message of an invalid field, the most relevant of its failed validations: an unknown field,
 * then a missing value (`bắt buộc`), then the wrong type (a whole number says its range with it), then
 * the range or the format. A DTO may name the message of a validation in its `context`
 * (`{ context: { message: 'field.unique-unit' } }`), with its parameters (`params`) when it has some.
 */
function fieldMessageOf(error: ValidationError): FieldMessage {
  const failed = Object.keys(error.constraints ?? {});
  const ownName = failed.find((name) => error.contexts?.[name]?.message !== undefined);
  const own = ownName === undefined ? undefined : (error.contexts![ownName] as OwnMessage);
  if (failed.includes('whitelistValidation')) return { key: 'field.not-allowed' };
  const value: unknown = error.value;
  if (value === undefined || value === null || (value === '' && failed.includes('isNotEmpty')))
    return { key: 'field.required' };
  if (own) return { key: own.message, ...(own.params && { params: own.params }) };
  const declared = declaredOn(error.target, error.property);
  const arg = (name: string) => declared.get(name)?.[0];
  const has = (...names: string[]) => names.some((name) => failed.includes(name));
  if (declared.has('isInt') && has('isInt', 'min', 'max')) return bounded('integer', arg('min'), arg('max'));
  if (has('isNumber', 'min', 'max')) return bounded('number', arg('min'), arg('max'));
  if (has('isString')) return { key: 'field.string' };
  if (has('isBoolean')) return { key: 'field.boolean' };
  if (has('isLegalDate', 'isDateString', 'isISO8601')) return { key: 'field.date' };
  if (has('isObject', 'nestedValidation')) return { key: 'field.object' };
  if (has('isArray')) return { key: 'field.list' };
  if (has('isIn')) return { key: 'field.one-of', params: { values: arg('isIn') as string[] } };
  if (has('isEnum')) return { key: 'field.one-of', params: { values: Object.values(arg('isEnum') as object) } };
  if (has('matches')) {
    const pattern = arg('matches');
    return {
      key: pattern instanceof RegExp && pattern.source === UNIT_ID_PATTERN.source ? 'field.unit-id' : 'field.format',
    };
  }
  if (has('isNotEmpty')) return { key: 'field.required' };
  if (has('maxLength')) return { key: 'field.max-length', params: { max: arg('maxLength') as number } };
  if (has('arrayNotEmpty')) return { key: 'field.non-empty-list' };
  if (has('arrayMinSize')) return { key: 'field.list-min', params: { min: arg('arrayMinSize') as number } };
  if (has('arrayMaxSize')) return { key: 'field.list-max', params: { max: arg('arrayMaxSize') as number } };
  if (has('arrayUnique')) return { key: 'field.unique' };
  return { key: 'field.invalid' };
}

/**
 * Every invalid field of a validation, nested ones with dotted paths (`candidate.birthDate`,
 * `units.0.quarters`), each with one catalogue message.
 */
function fieldErrors(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const message = error.constraints ? fieldMessageOf(error) : undefined;
    const own = message ? [fieldError(field, message.key, message.params)] : [];
    return [...own, ...fieldErrors(error.children ?? [], field)];
  });
}

/** The pipe's refusal: 400 `VALIDATION_FAILED` listing every invalid field (the OpenAPI examples use it too). */
export const validationRefusal = (errors: FieldError[]): ProblemException =>
  new ProblemException(400, 'VALIDATION_FAILED', { fields: errors.map((e) => e.field) }, { errors });

const OPTIONS = {
  whitelist: true,
  forbidNonWhitelisted: true,
  forbidUnknownValues: true,
  transform: true,
  stopAtFirstError: false,
  // The target and value say which validations a field has and whether it is missing; neither is answered.
  validationError: { target: true, value: true },
} satisfies ValidationPipeOptions;

/**
 * The one validation of request DTOs (class-validator): unknown fields are refused and listed, every
 * invalid field is listed, values are turned into the DTO's class. A body that is not a JSON object
 * is refused; a missing body is validated as `{}` so that every required field is listed.
 * Every check is synchronous and handlers declare path and query parameters before the body, which
 * Nest checks in that order: when the parameters are invalid the answer lists them (the request names
 * no valid resource) whatever the body; otherwise it lists the body's fields.
 */
export class ApiValidationPipe extends ValidationPipe {
  constructor() {
    super({ ...OPTIONS, exceptionFactory: (errors) => validationRefusal(fieldErrors(errors)) });
  }

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (!this.toValidate(metadata)) return super.transform(value, metadata);
    if (metadata.type === 'param' || metadata.type === 'query') return validateNow(metadata.metatype!, value ?? {});
    if (metadata.type === 'body') {
      if (value === undefined) value = {};
      if (value === null || typeof value !== 'object' || Array.isArray(value))
        throw validationRefusal([fieldError('body', 'field.json-object')]);
      // A parsed JSON body holds no prototype keys (the parser refuses them), no gaps and no binary
      // values, and no validator here is asynchronous: the synchronous check says the same, faster.
      return validateNow(metadata.metatype!, value);
    }
    return super.transform(value, metadata);
  }
}

/** Whether an empty object is valid for a DTO (all its fields optional), found once per DTO. */
const emptyIsValid = new Map<Type<unknown>, boolean>();

function validateNow(metatype: Type<unknown>, value: unknown): unknown {
  // Most reads send no query: an empty query of a DTO whose fields are all optional needs no validation.
  if (typeof value === 'object' && value !== null && Object.keys(value).length === 0) {
    let valid = emptyIsValid.get(metatype);
    if (valid === undefined)
      emptyIsValid.set(metatype, (valid = validateSync(plainToInstance(metatype, {}) as object, OPTIONS).length === 0));
    if (valid) return new metatype();
  }
  const instance = plainToInstance(metatype, value) as object;
  const errors = validateSync(instance, OPTIONS);
  if (errors.length > 0) throw validationRefusal(fieldErrors(errors));
  return instance;
}

const pipe = new ApiValidationPipe();

/** Validates a body against a DTO outside a `@Body()` parameter (a route that accepts several formats). */
export function validateBody<T extends object>(dto: Type<T>, value: unknown): Promise<T> {
  return pipe.transform(value, { type: 'body', metatype: dto }) as Promise<T>;
}
