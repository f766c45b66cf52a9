import { endMemberLiveSockets } from '../../bootstrap/live';

/**
 * users-permissions, extended: GET /api/users/me answers the member profile of API.md (tier, tags,
 * ban with appeal) instead of the bare user row; logging out also closes the member's live sockets.
 */
export default (plugin: any) => {
  plugin.controllers.user.me = async (ctx: any) => {
    const userId = ctx.state.user?.id;
    if (!userId) return ctx.unauthorized();
    ctx.body = await strapi.service('api::member.member').profile(userId);
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
