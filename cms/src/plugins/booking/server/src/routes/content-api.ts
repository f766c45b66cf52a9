export default {
  type: 'content-api',
  routes: [
    { method: 'GET', path: '/rooms', handler: 'member.listRooms', config: { auth: false } },
    { method: 'GET', path: '/rooms/:id', handler: 'member.getRoom', config: { auth: false } },
    { method: 'GET', path: '/rooms/:id/availability', handler: 'member.availability' },
    { method: 'POST', path: '/quotes', handler: 'member.quote' },
    { method: 'POST', path: '/bookings', handler: 'member.create' },
    { method: 'GET', path: '/bookings', handler: 'member.list' },
    { method: 'POST', path: '/bookings/cancel', handler: 'member.cancelMany' },
    { method: 'GET', path: '/bookings/:id', handler: 'member.detail' },
    { method: 'POST', path: '/bookings/:id/cancel', handler: 'member.cancel' },
    { method: 'POST', path: '/bookings/:id/payment', handler: 'member.payment' },
    { method: 'POST', path: '/bookings/:id/offline-proof', handler: 'member.offlineProof' },
    { method: 'GET', path: '/bookings/:id/qr', handler: 'member.qr' },
    { method: 'POST', path: '/checkin', handler: 'member.checkin' },
    { method: 'POST', path: '/checkout', handler: 'member.checkout' },
  ],
};
