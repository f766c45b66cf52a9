import { MEMBER_ADMIN_ACTIONS as A } from '../permissions';
import { guarded } from '../../../../../platform/admin-route';

/** Staff routes for members, appeals and batches (admin JWT, one RBAC action per route). */
export default [
  { method: 'GET', path: '/members', handler: 'members.search', config: guarded(A.read) },
  { method: 'GET', path: '/members/:id', handler: 'members.detail', config: guarded(A.read) },
  { method: 'GET', path: '/members/:id/violations', handler: 'members.violations', config: guarded(A.read) },
  { method: 'GET', path: '/members/:id/bans', handler: 'members.banHistory', config: guarded(A.read) },
  { method: 'POST', path: '/members/:id/ban', handler: 'members.ban', config: guarded(A.ban) },
  { method: 'POST', path: '/members/:id/lift-ban', handler: 'members.lift', config: guarded(A.ban) },
  { method: 'GET', path: '/member-tags', handler: 'members.tags', config: guarded(A.read) },
  { method: 'POST', path: '/members/:id/tags', handler: 'members.addTag', config: guarded(A.tag) },
  { method: 'DELETE', path: '/members/:id/tags/:tag', handler: 'members.removeTag', config: guarded(A.tag) },
  { method: 'GET', path: '/appeals', handler: 'members.appeals', config: guarded(A.readAppeals) },
  { method: 'POST', path: '/appeals/:id/accept', handler: 'members.acceptAppeal', config: guarded(A.reviewAppeals) },
  { method: 'POST', path: '/appeals/:id/reject', handler: 'members.rejectAppeal', config: guarded(A.reviewAppeals) },
  { method: 'GET', path: '/member-batches', handler: 'members.listBatches', config: guarded(A.runBatches) },
  { method: 'POST', path: '/member-batches', handler: 'members.createBatch', config: guarded(A.runBatches) },
  { method: 'GET', path: '/member-batches/:id', handler: 'members.batchProgress', config: guarded(A.runBatches) },
];
