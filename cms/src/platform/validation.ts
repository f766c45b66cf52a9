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
  throw new DomainError('VALIDATION', message, { errors });
}
