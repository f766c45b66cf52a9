import type { Core } from '@strapi/strapi';
import type memberService from './member/services/member';
import type parameterService from './parameter/services/parameter';
import type announcementService from './announcement/services/announcement';

/** The app's own services (src/api), by the short name their folder has. */
export interface AppServices {
  member: ReturnType<typeof memberService>;
  parameter: ReturnType<typeof parameterService>;
  announcement: ReturnType<typeof announcementService>;
}

const UID: Record<keyof AppServices, string> = {
  member: 'api::member.member',
  parameter: 'api::parameter.parameter',
  announcement: 'api::announcement.announcement',
};

/**
 * One typed accessor instead of stringly strapi.service('api::…') calls. Type-only imports of the
 * services, so any module can reach them at call time without a require cycle.
 */
export const getAppService = <K extends keyof AppServices>(strapi: Core.Strapi, name: K): AppServices[K] =>
  strapi.service(UID[name] as any) as unknown as AppServices[K];
