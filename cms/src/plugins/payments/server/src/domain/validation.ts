import { fail } from '../../../../../platform/errors';

/**
 * VALIDATION refusals in the shape API.md promises: `details.errors` lists the offending fields, each
 * with a path (Strapi/yup style) and a sentence, so the mini program can point at the field.
 */
export const invalid = (field: string, message: string, extra: Record<string, unknown> = {}) =>
  fail('VALIDATION', message, { errors: [{ path: [field], message }], ...extra });

/** A member-supplied amount: a positive safe integer of fen, else VALIDATION on that field. */
export function requirePositiveFen(value: unknown, field: string): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value <= 0) {
    throw invalid(field, `${field} must be a positive whole number of fen (分).`);
  }
  return value;
}
