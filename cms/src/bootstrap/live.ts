import type { Core } from '@strapi/strapi';
import { clock } from '../platform/clock';
import { publishLive, startLive } from '../platform/live';
import { getAppService } from '../api/accessor';
import { getBookingService } from '../plugins/booking/server/src/services/accessor';

const USER_UID = 'plugin::users-permissions.user';

/**
 * Live seat status (/api/live): the socket server on Strapi's HTTP server, with the member checks of
 * the member API and the booking plugin's availability versions. A member banned or blocked (by staff or
 * by the no-show rule, however the user row is updated through Strapi) loses their sockets on every
 * process; logging out does the same (extensions/users-permissions).
 */
export function startLiveSeatStatus(strapi: Core.Strapi) {
  startLive(strapi, {
    memberStanding: (userId) => getAppService(strapi, 'member').liveStanding(userId),
    roomVersion: (room) => getBookingService(strapi, 'availability').versionOf(room),
  });
  const onUserChange = (row: any) => {
    if (!row?.id) return;
    const banned = row.ban_until && new Date(row.ban_until) > clock.now();
    if (banned || row.blocked) void publishLive({ kind: 'member', userId: Number(row.id), reason: 'ban' });
  };
  strapi.db.lifecycles.subscribe({
    models: [USER_UID],
    afterUpdate(event: any) {
      onUserChange(event.result);
    },
  });
}

/** A member logged out: their live sockets close on every process. */
export const endMemberLiveSockets = (userId: number) => publishLive({ kind: 'member', userId, reason: 'logout' });
