/**
 * The access line of every request, with the client's address in front of what `strapi::logger` writes.
 * Behind the proxy the address is the member's own (X-Forwarded-For, as far as `server.proxy` trusts it):
 * the one the rate limits count, so a line in the log can be matched to a refusal.
 */
export default (_config: unknown, { strapi }: { strapi: any }) => {
  return async (ctx: any, next: () => Promise<void>) => {
    const start = Date.now();
    await next();
    // The line costs throughput under load (LOG_LEVEL=info skips it): not even built when not written.
    if (strapi.log.isLevelEnabled?.('http') === false) return;
    strapi.log.http(`${ctx.request.ip} ${ctx.method} ${ctx.url} (${Math.ceil(Date.now() - start)} ms) ${ctx.status}`);
  };
};
