import { Calendar, ChartCircle, ChartPie, CheckCircle, Clock, Cog, Download, House, Layout, Message } from '@strapi/icons';
import { PLUGIN_ID } from './pluginId';
import { PERMISSIONS } from './utils/permissions';
import { trad } from './utils/useT';

/** Wiring only: menu links (with their permissions), homepage widgets and translations. */
export default {
  register(app: any) {
    app.addMenuLink({
      to: `plugins/${PLUGIN_ID}`,
      icon: ChartPie,
      intlLabel: trad('menu.dashboard'),
      permissions: PERMISSIONS.dashboard,
      Component: () => import('./pages/Dashboard'),
    });
    app.addMenuLink({
      to: `plugins/${PLUGIN_ID}/bookings`,
      icon: Calendar,
      intlLabel: trad('menu.bookings'),
      permissions: PERMISSIONS.readBookings,
      Component: () => import('./pages/Bookings'),
    });
    app.addMenuLink({
      to: `plugins/${PLUGIN_ID}/waitlist`,
      icon: Clock,
      intlLabel: trad('menu.waitlist'),
      permissions: PERMISSIONS.readBookings,
      Component: () => import('./pages/Waitlist'),
    });
    app.addMenuLink({
      to: `plugins/${PLUGIN_ID}/offline-payments`,
      icon: CheckCircle,
      intlLabel: trad('menu.offline'),
      permissions: PERMISSIONS.verifyOffline,
      Component: () => import('./pages/OfflinePayments'),
    });
    app.addMenuLink({
      to: `plugins/${PLUGIN_ID}/exports`,
      icon: Download,
      intlLabel: trad('menu.exports'),
      permissions: [...PERMISSIONS.exportBookings, ...PERMISSIONS.exportMoney],
      Component: () => import('./pages/Exports'),
    });
    app.addMenuLink({
      to: `plugins/${PLUGIN_ID}/rooms`,
      icon: House,
      intlLabel: trad('menu.rooms'),
      permissions: PERMISSIONS.readRooms,
      Component: () => import('./pages/Rooms'),
    });
    app.addMenuLink({
      to: `plugins/${PLUGIN_ID}/layout`,
      icon: Layout,
      intlLabel: trad('menu.layout'),
      permissions: PERMISSIONS.readRooms,
      Component: () => import('./pages/Layout'),
    });
    app.addMenuLink({
      to: `plugins/${PLUGIN_ID}/announcements`,
      icon: Message,
      intlLabel: trad('menu.announcements'),
      permissions: PERMISSIONS.readAnnouncements,
      Component: () => import('./pages/Announcements'),
    });
    app.addMenuLink({
      to: `plugins/${PLUGIN_ID}/parameters`,
      icon: Cog,
      intlLabel: trad('menu.parameters'),
      permissions: PERMISSIONS.readParameters,
      Component: () => import('./pages/Parameters'),
    });
    app.widgets.register([
      {
        id: 'today',
        pluginId: PLUGIN_ID,
        icon: ChartPie,
        title: trad('widget.today'),
        link: { label: trad('widget.openDashboard'), href: `/plugins/${PLUGIN_ID}` },
        permissions: PERMISSIONS.dashboard,
        component: async () => (await import('./widgets/TodayWidget')).default,
      },
      {
        id: 'money',
        pluginId: PLUGIN_ID,
        icon: ChartCircle,
        title: trad('widget.money'),
        link: { label: trad('widget.openDashboard'), href: `/plugins/${PLUGIN_ID}` },
        permissions: PERMISSIONS.dashboard,
        component: async () => (await import('./widgets/MoneyWidget')).default,
      },
    ]);
    app.registerPlugin({ id: PLUGIN_ID, name: PLUGIN_ID });
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
