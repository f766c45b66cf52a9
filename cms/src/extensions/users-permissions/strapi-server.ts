/**
 * users-permissions, extended: GET /api/users/me answers the member profile of API.md (tier, tags,
 * ban with appeal) instead of the bare user row.
 */
export default (plugin: any) => {
  plugin.controllers.user.me = async (ctx: any) => {
    const userId = ctx.state.user?.id;
    if (!userId) return ctx.unauthorized();
    ctx.body = await strapi.service('api::member.member').profile(userId);
  };
  return plugin;
};
