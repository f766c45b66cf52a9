import memberRoutes from './admin-members';

const read = [{ name: 'admin::hasPermissions', config: { actions: ['plugin::booking.bookings.read'] } }];
const manage = [{ name: 'admin::hasPermissions', config: { actions: ['plugin::booking.bookings.manage'] } }];

export default {
  type: 'admin',
  routes: [
    { method: 'GET', path: '/bookings', handler: 'staff.list', config: { policies: ['admin::isAuthenticatedAdmin', ...read] } },
    { method: 'GET', path: '/bookings/:id', handler: 'staff.detail', config: { policies: ['admin::isAuthenticatedAdmin', ...read] } },
    { method: 'POST', path: '/bookings/:id/cancel', handler: 'staff.cancel', config: { policies: ['admin::isAuthenticatedAdmin', ...manage] } },
    { method: 'POST', path: '/bookings/:id/move', handler: 'staff.move', config: { policies: ['admin::isAuthenticatedAdmin', ...manage] } },
    { method: 'POST', path: '/bookings/:id/checkin', handler: 'staff.checkin', config: { policies: ['admin::isAuthenticatedAdmin', ...manage] } },
    { method: 'POST', path: '/checkin', handler: 'staff.scan', config: { policies: ['admin::isAuthenticatedAdmin', ...manage] } },
    ...memberRoutes,
  ],
};
