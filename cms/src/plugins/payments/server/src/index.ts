import contentTypes from './content-types';
import controllers from './controllers';
import routes from './routes';
import services from './services';

/** Wiring only. */
export default {
  register() {},
  bootstrap() {},
  destroy() {},
  config: { default: {}, validator() {} },
  contentTypes,
  controllers,
  routes,
  services,
  policies: {},
  middlewares: {},
};
