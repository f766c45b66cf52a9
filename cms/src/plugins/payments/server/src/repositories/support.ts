import { newDocumentId } from '../../../../../platform/document-ids';
import type { Knex } from 'knex';
import { sql } from '../../../../../platform/sql';

/** Model uids of the tables this plugin owns. */
export const UID = {
  wallet: 'plugin::payments.wallet',
  ledger: 'plugin::payments.ledger-entry',
  order: 'plugin::payments.payment-order',
  recharge: 'plugin::payments.recharge',
  refund: 'plugin::payments.refund',
  refundRequest: 'plugin::payments.refund-request',
  coupon: 'plugin::payments.coupon',
  membership: 'plugin::payments.membership',
} as const;

export type Uid = (typeof UID)[keyof typeof UID];

/**
 * A query-builder factory for a table of this plugin, joined to the surrounding transaction when there
 * is one. A factory, not a builder: a knex builder is thenable, so returning one from an async function
 * would run it.
 */
export async function table(strapi: any, uid: Uid): Promise<() => Knex.QueryBuilder> {
  const knex = await sql(strapi);
  const name = strapi.db.metadata.get(uid).tableName;
  return () => knex(name);
}

export const tableName = (strapi: any, uid: Uid): string => strapi.db.metadata.get(uid).tableName;

export { isUniqueViolation, isRetryableConflict } from '../../../../../platform/db-errors';

export { toDate, toInt, iso } from '../../../../../platform/rows';

/** Columns Strapi expects on every row it did not write itself. */
export function rowStamps(now: Date) {
  return { document_id: newDocumentId(), created_at: now, updated_at: now, published_at: now };
}

export { pagination, type Page } from '../../../../../platform/pagination';
