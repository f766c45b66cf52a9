/**
 * The mini program. Login is lazy: the first API call without a session runs wx.login and exchanges the
 * code (services/http.ts), so a member never sees a login screen.
 */
import { publicSettings } from './services/store';

App({
  onLaunch() {
    // Warm the store's settings (time zone, slot size); pages await the same promise.
    publicSettings().catch(() => undefined);
  },
});
