import { AppError } from '#core';

/**
 * Applies a partial update: omitted fields stay, null clears; a field that must have a value
 * cannot be cleared (BAD_USER_INPUT naming it, before anything is written).
 */
export function applyChanges<T extends object>(
  target: T,
  changes: object,
  required: ReadonlyArray<keyof T & string>,
): T {
  for (const [key, value] of Object.entries(changes)) {
    if (key === 'id' || value === undefined) continue;
    if (value === null && required.includes(key as keyof T & string)) {
      throw AppError.badInput(`input.${key}`, `${key} cannot be cleared.`);
    }
    (target as Record<string, unknown>)[key] = value;
  }
  return target;
}

/**
 * The fields a client actually sent. Input class instances declare every field, so omitted
 * ones exist as `undefined` and would overwrite defaults when spread.
 */
export function sentFields<T extends object>(input: T): Partial<T> {
  return Object.fromEntries(Object.entries(input).filter(([, value]) => value !== undefined)) as Partial<T>;
}
