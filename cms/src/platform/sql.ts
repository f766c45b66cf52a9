import type { Knex } from 'knex';

/**
 * Knex for lean repository SQL that joins the surrounding strapi.db.transaction when there is one
 * (Strapi's own queries join it through AsyncLocalStorage; raw knex does not, and on SQLite's single
 * connection a query outside the transaction would wait for it forever).
 */
export async function sql(strapi: any): Promise<Knex> {
  if (strapi.db.inTransaction()) return (await strapi.db.transaction()).get();
  return strapi.db.connection;
}

