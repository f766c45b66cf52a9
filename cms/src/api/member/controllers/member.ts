import { z } from 'zod';
import { parseInput } from '../../../platform/validation';
import { uploadedFile } from '../../../platform/uploaded-images';
import { respond } from '../../../platform/reply';
import { getAppService } from '../../accessor';
import { getBookingService } from '../../../plugins/booking/server/src/services/accessor';

export const loginBody = z.object({
  code: z.string().trim().min(1, 'the wx.login code is required').max(128),
  deviceId: z.string().max(128).optional(),
});
export const profileBody = z
  .object({
    nickname: z.string().trim().min(1, 'a nickname cannot be empty').max(40).optional(),
    avatar: z.string().url('avatar must be a URL').max(500).optional(),
  })
  .strict();
export const appealBody = z.object({ text: z.string().trim().min(5, 'tell us in a few words why the ban should be lifted').max(1000) }).strict();
/** What wx.requestSubscribeMessage answered "accept" for (at most 3 templates per call; a few calls' worth). */
export const subscriptionsBody = z
  .object({ accepted: z.array(z.string().trim().min(1, 'a template id cannot be empty').max(128)).min(1, 'list at least one accepted template id').max(30) })
  .strict();

const member = () => getAppService(strapi, 'member');
// Consents belong to the reminders of the booking plugin, which sends the messages.
const reminders = () => getBookingService(strapi, 'reminders');

export default {
  async wechatLogin(ctx) {
    const body = parseInput(loginBody, ctx.request.body);
    ctx.body = await member().loginWithWechat(body.code, {
      deviceId: body.deviceId,
      userAgent: ctx.request.headers['user-agent'],
      sanitize: (user: any) => strapi.contentAPI.sanitize.output(user, strapi.getModel('plugin::users-permissions.user'), { auth: ctx.state.auth }),
    });
  },

  async updateProfile(ctx) {
    const body = parseInput(profileBody, ctx.request.body);
    respond(ctx, await member().updateProfile(ctx.state.user.id, body));
  },

  /** multipart/form-data with one image in `file` (what wx.uploadFile({ name: 'file' }) sends after chooseAvatar). */
  async uploadAvatar(ctx) {
    respond(ctx, await member().setAvatar(ctx.state.user.id, uploadedFile(ctx.request)));
  },

  async subscriptions(ctx) {
    respond(ctx, await reminders().consents(ctx.state.user.id));
  },

  async acceptSubscriptions(ctx) {
    const body = parseInput(subscriptionsBody, ctx.request.body);
    respond(ctx, await reminders().recordConsents(ctx.state.user.id, body.accepted));
  },

  async fileAppeal(ctx) {
    const body = parseInput(appealBody, ctx.request.body);
    respond(ctx, await member().fileAppeal(ctx.state.user.id, body.text));
  },
};
