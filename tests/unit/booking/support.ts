/** Shared helpers for the booking domain unit tests (not a test file itself). */
import { DomainError } from '../../../cms/src/platform/errors';

export const SHANGHAI = 'Asia/Shanghai';
export const BERLIN = 'Europe/Berlin';

/** A wall-clock time in Shanghai (UTC+8 all year), e.g. sh('2025-03-14T14:00'). */
export const sh = (local: string): Date => new Date(`${local}:00+08:00`);

/** Runs `fn`, expects a DomainError with `code`, and returns it for further checks. */
export function refusal(fn: () => unknown, code: string): DomainError {
  let caught: unknown;
  try {
    fn();
  } catch (e) {
    caught = e;
  }
  expect(caught).toBeInstanceOf(DomainError);
  expect((caught as DomainError).code).toBe(code);
  return caught as DomainError;
}
