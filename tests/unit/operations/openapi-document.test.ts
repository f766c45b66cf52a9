import path from 'path';
import { spawnSync } from 'child_process';
import { buildOpenApiDocument } from '../../../cms/src/openapi/document';

/** swagger-parser is an ES module: it validates in a child process (scripts/openapi.js --validate). */
export function validateWithSwaggerParser(doc: unknown) {
  const script = path.resolve(__dirname, '../../../scripts/openapi.js');
  const r = spawnSync(process.execPath, [script, '--validate', '-'], { input: JSON.stringify(doc), encoding: 'utf8' });
  return { ok: r.status === 0, output: `${r.stdout}${r.stderr}` };
}

describe('the member API document', () => {
  const doc: any = buildOpenApiDocument();

  it('is a valid OpenAPI 3.1 document (swagger-parser)', () => {
    expect(doc.openapi).toBe('3.1.0');
    const result = validateWithSwaggerParser(doc);
    expect(result.output).toMatch(/valid OpenAPI 3\.1\.0 document: \d+ operations/);
    expect(result.ok).toBe(true);
  });

  it('the validator does refuse a broken document', () => {
    const broken = structuredClone(doc);
    broken.paths['/api/payments/wallet'].get.responses = 'nothing';
    expect(validateWithSwaggerParser(broken).ok).toBe(false);
  });

  it('derives request schemas from the validators the controllers parse', () => {
    const create = doc.paths['/api/booking/bookings'].post;
    const body = create.requestBody.content['application/json'].schema;
    expect(body.required).toEqual(expect.arrayContaining(['seat', 'start', 'end', 'payWith']));
    expect(body.properties.payWith.enum).toEqual(['wallet', 'wechat', 'offline']);
    expect(body.additionalProperties).toBe(false);
    expect(create.parameters.find((p: any) => p.in === 'header' && p.name === 'idempotency-key')).toBeTruthy();

    const list = doc.paths['/api/booking/bookings'].get.parameters.map((p: any) => `${p.in}:${p.name}`);
    expect(list).toEqual(expect.arrayContaining(['query:status', 'query:page', 'query:pageSize']));
    expect(doc.paths['/api/booking/rooms/{id}/availability'].get.parameters.map((p: any) => `${p.in}:${p.name}`)).toEqual(expect.arrayContaining(['path:id', 'query:date']));
  });

  it('documents what the routes answer, errors with a stable code, and who may call them', () => {
    const ok = doc.paths['/api/payments/wallet'].get.responses['200'].content['application/json'].schema;
    expect(ok.properties.data.$ref).toBe('#/components/schemas/WalletSummary');
    expect(doc.components.schemas.WalletSummary.properties.balance_fen.type).toBe('integer');
    expect(doc.paths['/api/payments/wallet'].get.responses['429'].content['application/json'].schema.$ref).toBe('#/components/schemas/ErrorBody');
    expect(doc.paths['/api/payments/wallet'].get.security).toEqual([{ memberJwt: [] }]);
    expect(doc.paths['/api/booking/rooms'].get.security).toEqual([]);
  });
});
