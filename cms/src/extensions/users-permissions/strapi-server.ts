import { endMemberLiveSockets } from '../../bootstrap/live';
import { withMemberAuthCache, skipApiTokenLookupForJwts } from './member-auth';
import { getAppService } from '../../api/accessor';

/**
 * users-permissions, extended: GET /api/users/me answers the member profile of API.md (tier, tags,
 * ban with appeal) instead of the bare user row; members authenticate from a cache (member-auth.ts);
 * logging out also closes the member's live sockets.
 */
export default (plugin: any) => {
  // Runs as plugins load, before any registers its auth strategies: members' JWTs skip the API-token lookup.
  skipApiTokenLookupForJwts(strapi);

  // Member authentication from the in-process cache (member-auth.ts): the plugin's content-API
  // strategy is wrapped as the plugin registers it.
  const register = plugin.register;
  plugin.register = (context: { strapi: any }) => {
    const auth = context.strapi.get('auth');
    const add = auth.register;
    auth.register = function (type: string, strategy: any) {
      const wrapped = type === 'content-api' && strategy?.name === 'users-permissions' ? withMemberAuthCache(strategy, context.strapi) : strategy;
      return add.call(this, type, wrapped);
    };
    try {
      return register(context);
    } finally {
      auth.register = add;
    }
  };

  plugin.controllers.user.me = async (ctx: any) => {
    const userId = ctx.state.user?.id;
    if (!userId) return ctx.unauthorized();
    ctx.body = await getAppService(strapi, 'member').profile(userId, ctx.state.user);
  };

  const auth = plugin.controllers.auth;
  const withLiveLogout = (controller: any) => {
    const logout = controller.logout;
    return {
      ...controller,
      async logout(ctx: any) {
        const userId = ctx.state.user?.id;
        await logout.call(controller, ctx);
        if (userId && ctx.status < 400) await endMemberLiveSockets(Number(userId));
      },
    };
  };
  plugin.controllers.auth = typeof auth === 'function' ? (deps: any) => withLiveLogout(auth(deps)) : withLiveLogout(auth);
  return plugin;
};
