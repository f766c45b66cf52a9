import { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';

/**
 * Shared pieces of the member API document: the envelope, pagination, the error body, and one helper
 * that registers a route from the zod schemas its controller already parses (request) and the schema of
 * what it answers (response). Paths are written the OpenAPI way (`{id}`), under `/api`.
 */
export const ErrorBody = z
  .object({
    data: z.null(),
    error: z.object({
      status: z.number().int(),
      name: z.string(),
      message: z.string().describe('A sentence a person can act on.'),
      details: z.looseObject({ code: z.string().describe('Stable error code (API.md)') }),
    }),
  })
  .meta({ id: 'ErrorBody' });

export const Pagination = z
  .object({ page: z.number().int(), pageSize: z.number().int(), pageCount: z.number().int(), total: z.number().int() })
  .meta({ id: 'Pagination' });

export const isoTime = z.string().describe('ISO 8601 time with offset');
export const fenInt = z.number().int().describe('integer fen (分)');

/** `{ data, meta }` with the given data. */
export const envelope = <T extends z.ZodTypeAny>(data: T, meta: z.ZodTypeAny = z.looseObject({})) => z.object({ data, meta });
export const paged = <T extends z.ZodTypeAny>(item: T) => envelope(z.array(item), z.looseObject({ pagination: Pagination }));

type Method = 'get' | 'post' | 'put' | 'delete';

export interface MemberRoute {
  method: Method;
  /** OpenAPI path under /api, e.g. /booking/bookings/{id}. */
  path: string;
  tag: string;
  summary: string;
  /** Anonymous callers allowed (no bearer token). */
  public?: boolean;
  params?: z.ZodObject<any>;
  query?: z.ZodTypeAny;
  headers?: z.ZodObject<any>;
  body?: z.ZodTypeAny;
  /** A non-JSON request body (WeChat's raw notification), described in words. */
  rawBody?: string;
  /** A multipart upload of one file in `field` (what wx.uploadFile sends), described in words. */
  upload?: { field: string; description: string };
  /** Success status → JSON schema (or text content for non-JSON answers). */
  responses: Record<number, { description: string; schema?: z.ZodTypeAny; text?: string }>;
  /** Error codes this route may answer, listed in its description. */
  errors?: string[];
}

const STANDARD_ERRORS: Record<number, string> = {
  400: 'Invalid input (`VALIDATION` and other 400 codes)',
  401: 'Missing or expired token (`UNAUTHORIZED`)',
  429: 'Too many requests (`RATE_LIMITED`, `Retry-After` header in seconds)',
};

/** zod object → plain object schema usable as parameters (query-string effects dropped to their input). */
function asObject(schema: z.ZodTypeAny | undefined): z.ZodObject<any> | undefined {
  if (!schema) return undefined;
  let s: any = schema;
  // `.refine` on an object keeps it a ZodObject in zod 4; a pipe/transform wraps it.
  while (s && !(s instanceof z.ZodObject)) s = s._zod?.def?.in ?? s._zod?.def?.innerType ?? s._zod?.def?.schema;
  return s;
}

export function registerMemberRoute(registry: OpenAPIRegistry, route: MemberRoute) {
  const responses: Record<string, any> = {};
  for (const [status, r] of Object.entries(route.responses)) {
    responses[status] = r.text
      ? { description: r.description, content: { [r.text]: { schema: { type: 'string' } } } }
      : { description: r.description, content: r.schema ? { 'application/json': { schema: r.schema } } : undefined };
  }
  const errorStatuses = new Set<number>([400, 429, 404, 409]);
  if (!route.public) errorStatuses.add(401);
  for (const status of [...errorStatuses].sort()) {
    if (responses[status]) continue;
    responses[status] = {
      description: STANDARD_ERRORS[status] ?? (status === 404 ? 'Not found or not yours (`NOT_FOUND`)' : 'Refused by a business rule (see the codes in the description)'),
      content: { 'application/json': { schema: ErrorBody } },
    };
  }
  const description = route.errors?.length ? `Error codes: ${route.errors.map((c) => `\`${c}\``).join(', ')}.` : undefined;
  registry.registerPath({
    method: route.method,
    path: `/api${route.path}`,
    tags: [route.tag],
    summary: route.summary,
    description,
    security: route.public ? [] : [{ memberJwt: [] }],
    request: {
      params: route.params,
      query: asObject(route.query),
      headers: route.headers,
      body: route.body
        ? { required: true, content: { 'application/json': { schema: route.body } } }
        : route.rawBody
          ? { required: true, description: route.rawBody, content: { 'application/json': { schema: z.looseObject({}) } } }
          : route.upload
            ? {
                required: true,
                description: route.upload.description,
                content: { 'multipart/form-data': { schema: z.object({ [route.upload.field]: z.string().meta({ format: 'binary' }) }) } },
              }
            : undefined,
    },
    responses,
  });
}
