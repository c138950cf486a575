import {
  ValidationPipe,
  type ArgumentMetadata,
  type Type,
  type ValidationError,
  type ValidationPipeOptions,
} from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import type { FieldError } from '@ketnap/engine';
import { ProblemException } from '../problem/problem';

/** Every invalid field of a validation, nested ones with dotted paths (`candidate.birthDate`, `units.0.quarters`). */
export function fieldErrors(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = error.constraints ? [{ field, message: Object.values(error.constraints).join('; ') }] : [];
    return [...own, ...fieldErrors(error.children ?? [], field)];
  });
}

const refuse = (errors: FieldError[]) =>
  new ProblemException(400, 'VALIDATION_FAILED', `invalid request: ${errors.map((e) => e.field).join(', ')}`, {
    errors,
  });

const OPTIONS = {
  whitelist: true,
  forbidNonWhitelisted: true,
  forbidUnknownValues: true,
  transform: true,
  stopAtFirstError: false,
  validationError: { target: false, value: false },
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
    super({ ...OPTIONS, exceptionFactory: (errors) => refuse(fieldErrors(errors)) });
  }

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (!this.toValidate(metadata)) return super.transform(value, metadata);
    if (metadata.type === 'param' || metadata.type === 'query') return validateNow(metadata.metatype!, value ?? {});
    if (metadata.type === 'body') {
      if (value === undefined) value = {};
      if (value === null || typeof value !== 'object' || Array.isArray(value))
        throw refuse([{ field: 'body', message: 'the body must be a JSON object' }]);
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
  if (errors.length > 0) throw refuse(fieldErrors(errors));
  return instance;
}

const pipe = new ApiValidationPipe();

/** Validates a body against a DTO outside a `@Body()` parameter (a route that accepts several formats). */
export function validateBody<T extends object>(dto: Type<T>, value: unknown): Promise<T> {
  return pipe.transform(value, { type: 'body', metatype: dto }) as Promise<T>;
}
