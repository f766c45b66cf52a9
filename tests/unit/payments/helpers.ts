import { DomainError } from '../../../cms/src/platform/errors';

/** Runs `fn`, expects a DomainError with `code`, and returns it for further checks. */
export function catchDomainError(fn: () => unknown, code: string): DomainError {
  let caught: unknown;
  try {
    fn();
  } catch (e) {
    caught = e;
  }
  expect(caught).toBeInstanceOf(DomainError);
  const err = caught as DomainError;
  expect(err.code).toBe(code);
  return err;
}
