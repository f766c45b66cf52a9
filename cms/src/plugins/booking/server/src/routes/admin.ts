import memberRoutes from './admin-members';
import roomSetupRoutes from './admin-room-setup';
import tagRoutes from './admin-tags';
import contentRoutes from './admin-content';
import { ADMIN_ACTIONS } from '../permissions';
import { guarded } from '../../../../../platform/admin-route';

/** Admin-panel routes under /booking/…: an admin JWT and the RBAC action of each route. */
export default {
  type: 'admin',
  routes: [
    { method: 'GET', path: '/dashboard', handler: 'backoffice.dashboard', config: guarded(ADMIN_ACTIONS.readDashboard) },
    { method: 'GET', path: '/dashboard/charts', handler: 'backoffice.dashboardCharts', config: guarded(ADMIN_ACTIONS.readDashboard) },
    { method: 'GET', path: '/board', handler: 'backoffice.board', config: guarded(ADMIN_ACTIONS.readBookings) },
    { method: 'GET', path: '/bookings', handler: 'staff.list', config: guarded(ADMIN_ACTIONS.readBookings) },
    { method: 'GET', path: '/bookings/:id', handler: 'staff.detail', config: guarded(ADMIN_ACTIONS.readBookings) },
    { method: 'POST', path: '/bookings/:id/cancel', handler: 'staff.cancel', config: guarded(ADMIN_ACTIONS.manageBookings) },
    { method: 'POST', path: '/bookings/:id/move', handler: 'staff.move', config: guarded(ADMIN_ACTIONS.manageBookings) },
    { method: 'POST', path: '/bookings/:id/checkin', handler: 'staff.checkin', config: guarded(ADMIN_ACTIONS.checkIn) },
    { method: 'POST', path: '/checkin', handler: 'staff.scan', config: guarded(ADMIN_ACTIONS.checkIn) },
    { method: 'GET', path: '/offline-payments', handler: 'backoffice.offlineList', config: guarded(ADMIN_ACTIONS.verifyOffline) },
    { method: 'POST', path: '/offline-payments/:bookingId/confirm', handler: 'backoffice.offlineConfirm', config: guarded(ADMIN_ACTIONS.verifyOffline) },
    { method: 'POST', path: '/offline-payments/:bookingId/reject', handler: 'backoffice.offlineReject', config: guarded(ADMIN_ACTIONS.verifyOffline) },
    // The waiting list is part of the bookings' desk: read with the bookings, removal is managing them.
    { method: 'GET', path: '/waitlist', handler: 'waitlist.staffList', config: guarded(ADMIN_ACTIONS.readBookings) },
    { method: 'POST', path: '/waitlist/:id/remove', handler: 'waitlist.staffRemove', config: guarded(ADMIN_ACTIONS.manageBookings) },
    { method: 'GET', path: '/exports/bookings', handler: 'backoffice.exportBookings', config: guarded(ADMIN_ACTIONS.readExports) },
    ...memberRoutes,
    ...roomSetupRoutes,
    ...tagRoutes,
    ...contentRoutes,
  ],
};
