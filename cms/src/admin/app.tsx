import type { StrapiApp } from '@strapi/strapi/admin';

/**
 * The store's staff work in Simplified Chinese by default; English can be chosen on the login page or in
 * each admin user's profile. Strapi falls back to English when the browser has no stored choice, so the
 * first visit stores zh-Hans (before the admin renders; a user's saved preference still wins at login).
 */
const LANGUAGE_KEY = 'strapi-admin-language';
if (typeof window !== 'undefined' && !window.localStorage.getItem(LANGUAGE_KEY)) window.localStorage.setItem(LANGUAGE_KEY, 'zh-Hans');

export default {
  config: {
    locales: ['zh-Hans', 'en'],
    tutorials: false,
    notifications: { releases: false },
  },
  bootstrap(_app: StrapiApp) {},
};
