/**
 * An admin route's guard: a logged-in admin user holding the RBAC action. Our refusals keep their
 * status and code on these routes through the app's one error middleware (middlewares/api-errors.ts).
 */
export const guarded = (action: string) => ({
  policies: ['admin::isAuthenticatedAdmin', { name: 'admin::hasPermissions', config: { actions: [action] } }],
});
