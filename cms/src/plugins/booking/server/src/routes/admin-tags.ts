import { TAG_ADMIN_ACTIONS as A } from '../permissions';

/** 标签 Tags page (admin JWT, one RBAC action per route). */
const guarded = (action: string) => ({ policies: ['admin::isAuthenticatedAdmin', { name: 'admin::hasPermissions', config: { actions: [action] } }] });

export default [
  { method: 'GET', path: '/tags', handler: 'tags.list', config: guarded(A.read) },
  { method: 'POST', path: '/tags', handler: 'tags.create', config: guarded(A.manage) },
  { method: 'PUT', path: '/tags/:id', handler: 'tags.update', config: guarded(A.manage) },
  { method: 'POST', path: '/tags/apply-rules', handler: 'tags.apply', config: guarded(A.manage) },
];
