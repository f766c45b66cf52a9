import type { Core } from '@strapi/strapi';

const UID = 'api::parameter.parameter';

/** The business parameters' single row (staff edit it in the admin panel). */
export const parametersRepository = (strapi: Core.Strapi) => ({
  /** The column defaults of the schema: what applies before staff ever save the form. */
  schemaDefaults(): Record<string, unknown> {
    const attrs = strapi.getModel(UID as any).attributes as Record<string, any>;
    const out: Record<string, unknown> = {};
    for (const [k, a] of Object.entries(attrs)) if ('default' in a) out[k] = a.default;
    return out;
  },

  row(): Promise<Record<string, unknown> | null> {
    return strapi.db.query(UID as any).findOne({});
  },

  async create(data: Record<string, unknown>): Promise<void> {
    await strapi.documents(UID as any).create({ data: data as any });
  },
});
