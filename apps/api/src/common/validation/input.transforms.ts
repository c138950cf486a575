import { Transform } from 'class-transformer';

/** Text with surrounding whitespace removed and Unicode composed (NFC), so names compare as typed. */
export const Trimmed = (): PropertyDecorator =>
  Transform(({ value }) => (typeof value === 'string' ? value.trim().normalize('NFC') : value));

/** `true`/`1` and `false`/`0` from a query string; anything else is left for validation to refuse. */
export const QueryBoolean = (): PropertyDecorator =>
  Transform(({ value }) =>
    value === 'true' || value === '1' ? true : value === 'false' || value === '0' ? false : value,
  );
