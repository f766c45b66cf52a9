export default {
  async publicSettings(ctx) {
    ctx.body = { data: await strapi.service('api::parameter.parameter').publicSettings(), meta: {} };
  },
};
