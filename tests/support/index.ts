/** The one helper module of the integration tests: a test file imports everything it needs from here. */
export * from './harness';
export * from './cms';
export * from './cms-process';
export * from './fixtures';
export * from './members';
export * from './staff';
export * from './booking';
export * from './money';
export * from './backoffice';
export * from './live';
export * from './csv';
export * from './tcp-proxy';
export * from './polling';
