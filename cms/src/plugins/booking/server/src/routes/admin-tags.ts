import { TAG_ADMIN_ACTIONS as A } from '../permissions';
import { guarded } from '../../../../../platform/admin-route';

/** 标签 Tags page (admin JWT, one RBAC action per route). */
export default [
  { method: 'GET', path: '/tags', handler: 'tags.list', config: guarded(A.read) },
  { method: 'POST', path: '/tags', handler: 'tags.create', config: guarded(A.manage) },
  { method: 'PUT', path: '/tags/:id', handler: 'tags.update', config: guarded(A.manage) },
  { method: 'POST', path: '/tags/apply-rules', handler: 'tags.apply', config: guarded(A.manage) },
];
