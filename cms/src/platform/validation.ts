import type { z } from 'zod';
import { DomainError } from './errors';

/**
 * Parse request input with a zod schema; a failure is a 400 VALIDATION whose details list every field,
 * with a first sentence a person can act on.
 */
export function parseInput<S extends z.ZodTypeAny>(schema: S, input: unknown): z.infer<S> {
  const result = schema.safeParse(input ?? {});
  if (result.success) return result.data;
  const errors = result.error.issues.map((issue) => ({
    path: issue.path.map(String),
    field: issue.path.join('.') || '(body)',
    message: issue.message,
  }));
  const first = errors[0];
  const message = first.field === '(body)' ? `Invalid request: ${first.message}.` : `Invalid ${first.field}: ${first.message}.`;
  throw invalidFields(errors, { message });
}

/** One offending field of a VALIDATION refusal: where it is, and a sentence a person can act on. */
export interface FieldProblem {
  field: string;
  message: string;
  /** Defaults to [field]; nested inputs give the full path. */
  path?: string[];
  /** The rule broken, where a client may key on it. */
  rule?: string;
}

/**
 * The one VALIDATION refusal builder: `details.errors` lists every offending field (path, field,
 * message), and the error's own message is the first problem's sentence unless one is given.
 */
export function invalidFields(problems: FieldProblem[], extra: Record<string, unknown> & { message?: string } = {}): DomainError {
  const { message, ...details } = extra;
  const errors = problems.map((p) => ({ path: p.path ?? [p.field], field: p.field, message: p.message, ...(p.rule ? { rule: p.rule } : {}) }));
  return new DomainError('VALIDATION', message ?? problems[0]?.message ?? 'Invalid request.', { errors, ...details });
}

/** A VALIDATION refusal of one field. */
export const invalidInput = (field: string, message: string, extra: Record<string, unknown> = {}): DomainError =>
  invalidFields([{ field, message }], extra);
