import { invalidInput } from '../../../../../platform/validation';

/** The platform's one VALIDATION builder, under the name the payments rules use. */
export const invalid = invalidInput;

/** A member-supplied amount: a positive safe integer of fen, else VALIDATION on that field. */
export function requirePositiveFen(value: unknown, field: string): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value <= 0) {
    throw invalid(field, `${field} must be a positive whole number of fen (分).`);
  }
  return value;
}
