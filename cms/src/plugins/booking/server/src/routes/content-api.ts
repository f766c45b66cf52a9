export default {
  type: 'content-api',
  routes: [
    { method: 'GET', path: '/rooms', handler: 'member.listRooms', config: { auth: false } },
    { method: 'GET', path: '/rooms/:id', handler: 'member.getRoom', config: { auth: false } },
  ],
};
