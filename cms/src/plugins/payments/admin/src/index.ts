import { ArrowsCounterClockwise, Discuss, Gift, PriceTag, Stack, User } from '@strapi/icons';
import { PLUGIN_ID } from './pluginId';
import { PERMISSIONS } from './utils/permissions';

/** Registers the pages (menu links with their permissions) and the translations; nothing else. */
export default {
  register(app: any) {
    app.registerPlugin({ id: PLUGIN_ID, name: PLUGIN_ID });
    const link = (path: string, icon: any, label: string, permissions: readonly any[], load: () => Promise<any>) =>
      app.addMenuLink({
        to: `plugins/${PLUGIN_ID}/${path}`,
        icon,
        intlLabel: { id: `${PLUGIN_ID}.menu.${path}`, defaultMessage: label },
        permissions,
        Component: load,
      });
    link('members', User, '会员 Members', PERMISSIONS.readMembers, () => import('./pages/Members'));
    link('appeals', Discuss, '申诉 Appeals', PERMISSIONS.readAppeals, () => import('./pages/Appeals'));
    link('batches', Stack, '批量操作 Batch operations', PERMISSIONS.runBatches, () => import('./pages/Batches'));
    link('coupons', Gift, '优惠券 Coupons', PERMISSIONS.readCoupons, () => import('./pages/Coupons'));
    link('tags', PriceTag, '标签 Tags', PERMISSIONS.readTags, () => import('./pages/Tags'));
    link('refunds', ArrowsCounterClockwise, '退款审核 Refunds', PERMISSIONS.readRefunds, () => import('./pages/Refunds'));
  },

  async registerTrads({ locales }: { locales: string[] }) {
    return Promise.all(
      locales.map(async (locale) => {
        try {
          const { default: data } = await import(`./translations/${locale}.json`);
          return { data: Object.fromEntries(Object.entries(data).map(([k, v]) => [`${PLUGIN_ID}.${k}`, v])), locale };
        } catch {
          return { data: {}, locale };
        }
      }),
    );
  },
};
