/** Database error shapes that mean something to a use case, on MySQL/MariaDB and SQLite (one place). */
export const isUniqueViolation = (e: any): boolean =>
  e?.code === 'ER_DUP_ENTRY' || e?.errno === 1062 || e?.code === 'SQLITE_CONSTRAINT_UNIQUE' || e?.code === 'SQLITE_CONSTRAINT_PRIMARYKEY';

/** Lock conflicts that a retry of the whole transaction resolves. */
export const isRetryableConflict = (e: any): boolean =>
  e?.code === 'ER_LOCK_DEADLOCK' || e?.errno === 1213 || e?.code === 'ER_LOCK_WAIT_TIMEOUT' || e?.errno === 1205 || e?.code === 'SQLITE_BUSY';
