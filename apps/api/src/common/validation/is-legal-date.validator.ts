import { ValidateBy, buildMessage, type ValidationOptions } from 'class-validator';
import { isLocalDate } from '@ketnap/domain';

/**
 * A legal date (ngày pháp lý): `YYYY-MM-DD` that exists on the calendar (`2025-02-30` does not), as the
 * domain reads it.
 */
export function IsLegalDate(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isLegalDate',
      validator: {
        validate: (value: unknown) => isLocalDate(value),
        defaultMessage: buildMessage(
          (each) => `${each}$property must be a date written YYYY-MM-DD that exists`,
          options,
        ),
      },
    },
    options,
  );
}
