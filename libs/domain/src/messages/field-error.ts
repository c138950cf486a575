import { englishOf } from './catalogue';
import type { FIELD_MESSAGES } from './field.messages';
import type { MessageParams } from './message-text';

export type FieldMessageKey = keyof typeof FIELD_MESSAGES;

/**
 * One invalid field of a request, as a 400 lists it: the field's name (`candidate.birthDate`), its
 * catalogue message and parameters (rendered in the reader's language at the edge) and, for logs and
 * tests, the English rendering.
 */
export interface FieldError {
  readonly field: string;
  readonly message: string;
  readonly key: FieldMessageKey;
  readonly params?: MessageParams;
}

export const fieldError = (field: string, key: FieldMessageKey, params?: MessageParams): FieldError => ({
  field,
  key,
  ...(params && { params }),
  message: englishOf(key, params),
});
