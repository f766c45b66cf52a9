import { getAppService } from '../../accessor';

export default {
  async publicSettings(ctx) {
    ctx.body = { data: await getAppService(strapi, 'parameter').publicSettings(), meta: {} };
  },
};
