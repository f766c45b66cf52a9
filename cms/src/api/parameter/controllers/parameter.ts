import { respond } from '../../../platform/reply';
import { getAppService } from '../../accessor';

export default {
  async publicSettings(ctx) {
    respond(ctx, await getAppService(strapi, 'parameter').publicSettings());
  },
};
