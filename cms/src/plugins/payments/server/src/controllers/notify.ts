import { getPaymentsService } from '../services';

const UNPARSED = Symbol.for('unparsedBody');

/**
 * The bytes WeChat signed. strapi::body runs with includeUnparsed, which keeps the request text exactly as
 * received next to the parsed object; a re-serialised object would break the signature (key order, \u escapes).
 */
function rawBody(ctx: any): Buffer | null {
  const body = ctx.request.body;
  const unparsed = body && typeof body === 'object' ? body[UNPARSED] : typeof body === 'string' ? body : undefined;
  return typeof unparsed === 'string' ? Buffer.from(unparsed, 'utf8') : Buffer.isBuffer(unparsed) ? unparsed : null;
}

/** WeChat Pay callbacks: public routes, authenticated by WeChat's signature instead of a member token. */
export default ({ strapi }: { strapi: any }) => ({
  async transaction(ctx: any) {
    await getPaymentsService(strapi, 'notifications').transaction(rawBody(ctx), ctx.request.headers);
    ctx.status = 204;
  },

  async refund(ctx: any) {
    await getPaymentsService(strapi, 'notifications').refund(rawBody(ctx), ctx.request.headers);
    ctx.status = 204;
  },
});
