import { OpenApiGeneratorV31 } from '@asteasolutions/zod-to-openapi';
import { memberApiRegistry } from './member-api';

/** The member API as OpenAPI 3.1, generated from the zod schemas (cms/src/openapi/member-api.ts). */
export function buildOpenApiDocument(opts: { serverUrl?: string } = {}) {
  const generator = new OpenApiGeneratorV31(memberApiRegistry().definitions);
  return generator.generateDocument({
    openapi: '3.1.0',
    info: {
      title: '自习室预约 · Study-room booking – member API',
      version: '1.0.0',
      description:
        'REST API of the WeChat mini program. Success bodies are `{ data, meta }`; errors are Strapi error bodies with a stable ' +
        '`error.details.code`. Money is integer fen, times ISO 8601 with offsets. Every member route may answer `429 RATE_LIMITED` with `Retry-After`.',
    },
    servers: [{ url: opts.serverUrl || '/' }],
  });
}

let cached: ReturnType<typeof buildOpenApiDocument> | null = null;

/** Built once per process: the routes and schemas do not change while it runs. */
export function openApiDocument() {
  if (!cached) cached = buildOpenApiDocument();
  return cached;
}
