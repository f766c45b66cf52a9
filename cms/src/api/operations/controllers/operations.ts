import { openApiDocument } from '../../../openapi/document';

export default {
  openapi(ctx) {
    ctx.body = openApiDocument();
  },
};
