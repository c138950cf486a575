/**
 * Ends every `switch` over a union: the compiler proves no member is left out (`value` is `never`),
 * and at run time a message of an unknown type (a newer version's event) falls back to `fallback`.
 */
export const exhaustive = <T>(_value: never, fallback: T): T => fallback;
