import type { Core } from '@strapi/strapi';
import { DateTime } from 'luxon';
import { invalidFields } from '../../../../../platform/validation';
import { inTransaction } from '../../../../../platform/transaction';
import { parameterConflicts, type ParameterValues } from '../domain/parameter-rules';
import { parametersRepository } from '../../../../../repositories/parameters';
import { loadParameters } from './policy';
import { reply } from '../../../../../platform/reply';

/**
 * The parameters page: read every value with its limits, and save a change after checking each field
 * against the schema and the rules across fields. `GET /api/settings/public` and every
 * booking rule read the same values (`loadParameters`).
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const repo = parametersRepository(strapi);

  function fieldProblems(values: Record<string, unknown>, fields: ReturnType<typeof repo.fields>) {
    const out: { path: string[]; field: string; message: string; rule: string }[] = [];
    for (const [name, f] of Object.entries(fields)) {
      const v = values[name];
      if (v === null || v === undefined || v === '') {
        if (f.required) out.push({ path: [name], field: name, message: `${name} is required.`, rule: 'REQUIRED' });
        continue;
      }
      if (f.type === 'integer' && f.min !== null && (v as number) < f.min) out.push({ path: [name], field: name, message: `${name} must be at least ${f.min}.`, rule: 'RANGE' });
      if (f.type === 'integer' && f.max !== null && (v as number) > f.max) out.push({ path: [name], field: name, message: `${name} must be at most ${f.max}.`, rule: 'RANGE' });
      if (f.type === 'string' && f.maxLength !== null && String(v).length > f.maxLength) out.push({ path: [name], field: name, message: `${name} must be at most ${f.maxLength} characters.`, rule: 'RANGE' });
    }
    if (typeof values.store_timezone === 'string' && !DateTime.now().setZone(values.store_timezone).isValid) {
      out.push({ path: ['store_timezone'], field: 'store_timezone', message: `"${values.store_timezone}" is not a time zone (use an IANA name such as Asia/Shanghai).`, rule: 'TIMEZONE' });
    }
    return out;
  }

  /** Every value with the limits the form shows beside it. */
  const valuesWithFields = async () => ({ values: (await loadParameters(strapi)) as unknown as Record<string, unknown>, fields: repo.fields() });

  return {
    read: async () => reply(await valuesWithFields()),

    /** Saves the fields given (the others keep their value); refuses the whole change when any rule breaks. */
    async save(change: Partial<ParameterValues>) {
      const fields = repo.fields();
      const merged = { ...((await loadParameters(strapi)) as unknown as Record<string, unknown>), ...change } as Record<string, unknown>;
      const problems = fieldProblems(merged, fields);
      if (!problems.length) {
        for (const c of parameterConflicts(merged as unknown as ParameterValues)) {
          for (const field of c.fields) problems.push({ path: [field], field, message: c.message, rule: c.rule });
        }
      }
      if (problems.length) throw invalidFields(problems);
      const known = Object.fromEntries(Object.entries(change).filter(([k]) => k in fields));
      await inTransaction(strapi, () => repo.save(known));
      return reply(await valuesWithFields());
    },
  };
};
