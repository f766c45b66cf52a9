import { CONTENT_ADMIN_ACTIONS as A } from '../permissions';
import { guarded } from '../../../../../platform/admin-route';

/** Admin routes of the announcements page (content editor) and the parameters page (manager). */
export default [
  { method: 'GET', path: '/announcements', handler: 'content.announcementList', config: guarded(A.readAnnouncements) },
  { method: 'GET', path: '/announcement-audiences', handler: 'content.announcementAudiences', config: guarded(A.readAnnouncements) },
  { method: 'GET', path: '/announcements/:id', handler: 'content.announcementDetail', config: guarded(A.readAnnouncements) },
  { method: 'POST', path: '/announcements', handler: 'content.announcementCreate', config: guarded(A.writeAnnouncements) },
  { method: 'PUT', path: '/announcements/:id', handler: 'content.announcementUpdate', config: guarded(A.writeAnnouncements) },
  { method: 'DELETE', path: '/announcements/:id', handler: 'content.announcementDelete', config: guarded(A.writeAnnouncements) },
  { method: 'POST', path: '/announcements/:id/schedule', handler: 'content.announcementSchedule', config: guarded(A.publishAnnouncements) },
  { method: 'POST', path: '/announcements/:id/publish', handler: 'content.announcementPublish', config: guarded(A.publishAnnouncements) },
  { method: 'POST', path: '/announcements/:id/unpublish', handler: 'content.announcementUnpublish', config: guarded(A.publishAnnouncements) },
  { method: 'GET', path: '/parameters', handler: 'content.parametersRead', config: guarded(A.readParameters) },
  { method: 'PUT', path: '/parameters', handler: 'content.parametersSave', config: guarded(A.updateParameters) },
];
