import { ROOM_ADMIN_ACTIONS as A } from '../permissions';
import { guarded } from '../../../../../platform/admin-route';

/** Staff routes for store setup: rooms, closures, seat layouts (admin JWT, one RBAC action per route). */
export default [
  { method: 'GET', path: '/rooms', handler: 'roomSetup.list', config: guarded(A.read) },
  { method: 'GET', path: '/rooms/:id', handler: 'roomSetup.detail', config: guarded(A.read) },
  { method: 'PUT', path: '/rooms/:id', handler: 'roomSetup.update', config: guarded(A.manage) },
  { method: 'POST', path: '/rooms/:id/closure-impact', handler: 'roomSetup.closureImpact', config: guarded(A.manage) },
  { method: 'PUT', path: '/rooms/:id/layout', handler: 'roomSetup.saveLayout', config: guarded(A.editLayout) },
];
