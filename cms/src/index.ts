import path from 'path';
import type { Core } from '@strapi/strapi';
import { initRuntime, closeRuntime, runtime } from './platform/runtime';
import { applyMemberPermissions } from './bootstrap/member-permissions';
import { applyStaffRoles } from './bootstrap/staff-roles';
import { applyContentManagerViews } from './bootstrap/content-manager-views';
import { loadDemoData, ensureDemoAdmin, DEMO_ADMIN } from './bootstrap/demo-data';
import { attachDemoPhotos } from './bootstrap/demo-photos';
import { loadDemoActivity, ensureDemoStaff, DEMO_STAFF, DEMO_STAFF_PASSWORD } from './bootstrap/demo-activity';
import { assertProductionSecrets } from './bootstrap/production-secrets';
import { startLiveSeatStatus } from './bootstrap/live';
import { stopLive } from './platform/live';
import { subscribeMemberAuthInvalidation } from './extensions/users-permissions/member-auth';
import { getAppService } from './api/accessor';
import { subscribeParameterInvalidation } from './api/parameter/services/parameter';
import { subscribeMemberProfileInvalidation } from './platform/member-profile-cache';
import { useMiddlewaresBuiltOnce } from './platform/http-middlewares';

const seedDemo = () => (process.env.SEED_DEMO_DATA ?? (process.env.NODE_ENV === 'production' ? 'false' : 'true')) === 'true';

export default {
  register({ strapi }: { strapi: Core.Strapi }) {
    assertProductionSecrets(process.env);
    initRuntime(strapi);
    useMiddlewaresBuiltOnce(strapi);
  },

  async bootstrap({ strapi }: { strapi: Core.Strapi }) {
    await getAppService(strapi, 'parameter').ensure();
    await applyMemberPermissions(strapi, { member: memberActionsOfPlugins(strapi) });
    await applyStaffRoles(strapi, staffActionsOfPlugins(strapi));
    await applyContentManagerViews(strapi);

    let demoAdminCreated = false;
    if (seedDemo()) {
      const seeds = path.resolve(strapi.dirs.app.root, '..', 'seeds');
      const fresh = await loadDemoData(strapi, seeds);
      await attachDemoPhotos(strapi, seeds);
      demoAdminCreated = await ensureDemoAdmin(strapi);
      await ensureDemoStaff(strapi);
      // The living week (members, money, bookings, queues) only on the very first start.
      if (fresh) await loadDemoActivity(strapi, seeds);
    }

    runtime().scheduler.start();
    startLiveSeatStatus(strapi);
    subscribeMemberAuthInvalidation(strapi);
    subscribeParameterInvalidation();
    subscribeMemberProfileInvalidation(strapi);
    runtime().bus.start();

    const port = strapi.config.get('server.port');
    if (seedDemo()) {
      strapi.log.info(
        `\n  Study-room CMS ready.\n  Admin panel: http://localhost:${port}/admin\n  Demo admin login: ${DEMO_ADMIN.email} / ${DEMO_ADMIN.password}${demoAdminCreated ? ' (just created)' : ''}\n  Demo staff (password ${DEMO_STAFF_PASSWORD}): ${DEMO_STAFF.map((s) => `${s.firstname} ${s.email}`).join(', ')}\n  Member API:  http://localhost:${port}/api/booking/rooms\n`,
      );
    }
  },

  async destroy() {
    await stopLive();
    await closeRuntime();
  },
};

/** Content-API actions each plugin declares for members (its `memberActions` export). */
function memberActionsOfPlugins(strapi: Core.Strapi): string[] {
  return ['booking', 'payments'].flatMap((name) => {
    const plugin: any = strapi.plugin(name);
    return (plugin?.config?.('memberActions') as string[] | undefined) ?? [];
  });
}

function staffActionsOfPlugins(strapi: Core.Strapi): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const name of ['booking', 'payments']) {
    const plugin: any = strapi.plugin(name);
    const byRole = (plugin?.config?.('staffActions') as Record<string, string[]> | undefined) ?? {};
    for (const [role, actions] of Object.entries(byRole)) out[role] = [...(out[role] ?? []), ...actions];
  }
  return out;
}
