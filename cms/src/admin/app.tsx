import type { StrapiApp } from '@strapi/strapi/admin';

export default {
  config: {
    // Staff work in Simplified Chinese or English; each admin user picks in their profile.
    locales: ['zh-Hans'],
    tutorials: false,
    notifications: { releases: false },
  },
  bootstrap(_app: StrapiApp) {},
};
