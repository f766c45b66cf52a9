jest.setTimeout(120000);

// knex prints this on every MySQL schema sync (DDL inside Strapi's migration transaction); it is noise.
const log = console.log;
console.log = (...args: unknown[]) => {
  if (typeof args[0] === 'string' && args[0].startsWith('Transaction was implicitly committed')) return;
  log(...args);
};
