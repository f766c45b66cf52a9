import type { Core } from '@strapi/strapi';

const UID = 'api::parameter.parameter';

/** The business parameters' single row: read by every rule, written by the parameters page and bootstrap. */
export const parametersRepository = (strapi: Core.Strapi) => ({
  /** The column defaults of the schema: what applies before staff ever save the form. */
  schemaDefaults(): Record<string, unknown> {
    const attrs = strapi.getModel(UID as any).attributes as Record<string, any>;
    const out: Record<string, unknown> = {};
    for (const [k, a] of Object.entries(attrs)) if ('default' in a) out[k] = a.default;
    return out;
  },

  /** Per field: type, required, min, max, default – from the content type, so the page and the schema agree. */
  fields() {
    const attrs = strapi.getModel(UID as any).attributes as Record<string, any>;
    return Object.fromEntries(
      Object.entries(attrs)
        .filter(([, a]) => ['string', 'integer', 'boolean'].includes(a.type))
        .map(([k, a]) => [k, { type: a.type as 'string' | 'integer' | 'boolean', required: !!a.required, min: a.min ?? null, max: a.max ?? null, maxLength: a.maxLength ?? null, default: a.default ?? null }]),
    );
  },

  row(): Promise<Record<string, unknown> | null> {
    return strapi.db.query(UID as any).findOne({});
  },

  /** Saves the given fields, creating the single row when staff never saved it. */
  async save(values: Record<string, unknown>): Promise<void> {
    const row = await strapi.db.query(UID as any).findOne({ select: ['documentId'] });
    if (row) await strapi.documents(UID as any).update({ documentId: row.documentId, data: values } as any);
    else await strapi.documents(UID as any).create({ data: values } as any);
  },
});
