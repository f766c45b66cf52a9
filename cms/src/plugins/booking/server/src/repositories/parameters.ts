import type { Core } from '@strapi/strapi';

/** The business parameters single type: the only code of the parameters page that writes it. */
const UID = 'api::parameter.parameter' as any;

export const parametersRepository = (strapi: Core.Strapi) => ({
  /** Current values with the schema defaults filled in (the same reading every rule uses). */
  current: () => strapi.service('api::parameter.parameter' as any).current() as Promise<Record<string, unknown>>,

  /** Per field: type, required, min, max, default – from the content type, so the page and the schema agree. */
  fields() {
    const attrs = strapi.getModel(UID).attributes as Record<string, any>;
    return Object.fromEntries(
      Object.entries(attrs)
        .filter(([, a]) => ['string', 'integer', 'boolean'].includes(a.type))
        .map(([k, a]) => [k, { type: a.type as 'string' | 'integer' | 'boolean', required: !!a.required, min: a.min ?? null, max: a.max ?? null, maxLength: a.maxLength ?? null, default: a.default ?? null }]),
    );
  },

  async save(values: Record<string, unknown>) {
    const row = await strapi.db.query(UID).findOne({ select: ['documentId'] });
    if (row) await strapi.documents(UID).update({ documentId: row.documentId, data: values } as any);
    else await strapi.documents(UID).create({ data: values } as any);
  },
});
