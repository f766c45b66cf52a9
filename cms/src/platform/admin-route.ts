/**
 * An admin route's guard: a logged-in admin user holding the route's RBAC action. Refusals on these
 * routes keep their status and code through the app's one error middleware (middlewares/api-errors.ts).
 */
export const guarded = (action: string) => ({
  policies: ['admin::isAuthenticatedAdmin', { name: 'admin::hasPermissions', config: { actions: [action] } }],
});
