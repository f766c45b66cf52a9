import { rolesRepository } from '../repositories/roles';
/**
 * Admin roles for staff, created (and kept in shape) at boot. The super admin stays Strapi's own.
 * 店长 Store manager: everything in the business; 前台 Front desk: run the floor; 内容编辑 Content
 * editor: announcements only.
 */
const API = (name: string) => `api::${name}.${name}`;
const BUSINESS_TYPES = ['room', 'seat', 'announcement', 'coupon-template', 'tag', 'member-tag', 'recharge-package', 'membership-tier', 'parameter', 'appeal'].map(API);
const MEMBER_UID = 'plugin::users-permissions.user';
const BOOKING_UID = 'plugin::booking.booking';

const CM = 'plugin::content-manager.explorer';

interface RoleSpec {
  code: string;
  name: string;
  description: string;
  contentTypes: Record<string, ('create' | 'read' | 'update' | 'delete' | 'publish')[]>;
  /** Non content-type admin actions (plugin pages, upload). */
  actions: string[];
}

export const STAFF_ROLES: RoleSpec[] = [
  {
    code: 'store-manager',
    name: '店长 Store manager',
    description: 'Runs the store: rooms, layouts, members, coupons, parameters, refunds, announcements.',
    contentTypes: {
      ...Object.fromEntries(BUSINESS_TYPES.map((uid) => [uid, ['create', 'read', 'update', 'delete', 'publish'] as const])),
      [MEMBER_UID]: ['read', 'update'],
      [BOOKING_UID]: ['read'],
    } as any,
    actions: ['plugin::upload.read', 'plugin::upload.assets.create', 'plugin::upload.assets.update', 'plugin::upload.assets.download', 'plugin::upload.assets.copy-link'],
  },
  {
    code: 'front-desk',
    name: '前台 Front desk',
    description: 'Front desk: sees rooms and bookings, looks after members and appeals, views refunds.',
    contentTypes: {
      [API('room')]: ['read'],
      [API('seat')]: ['read'],
      [BOOKING_UID]: ['read'],
      [MEMBER_UID]: ['read', 'update'],
      [API('member-tag')]: ['create', 'read', 'update', 'delete'],
      [API('tag')]: ['read'],
      [API('appeal')]: ['read', 'update'],
    },
    actions: ['plugin::upload.read'],
  },
  {
    code: 'content-editor',
    name: '内容编辑 Content editor',
    description: 'Writes, previews, targets and schedules announcements.',
    contentTypes: { [API('announcement')]: ['create', 'read', 'update', 'delete', 'publish'] },
    actions: ['plugin::upload.read', 'plugin::upload.assets.create', 'plugin::upload.assets.update'],
  },
];

export async function applyStaffRoles(strapi: any, extraActions: Record<string, string[]> = {}) {
  const roleService = strapi.service('admin::role');
  const contentTypeService = strapi.service('admin::content-type');
  const actionProvider = strapi.service('admin::permission').actionProvider;

  for (const spec of STAFF_ROLES) {
    let role = await rolesRepository(strapi).adminRoleByCode(spec.code);
    if (!role) role = await roleService.create({ name: spec.name, code: spec.code, description: spec.description });

    const permissions: any[] = [];
    for (const [uid, verbs] of Object.entries(spec.contentTypes)) {
      if (!strapi.contentTypes[uid]) continue;
      // A type hidden from the content manager (parameters: edited on their own page) has no CM actions.
      if (strapi.contentTypes[uid].pluginOptions?.['content-manager']?.visible === false) continue;
      for (const verb of verbs) {
        const action = actionProvider.get(`${CM}.${verb}`);
        if (!action) continue;
        if (verb === 'publish' && !strapi.contentTypes[uid].options?.draftAndPublish) continue;
        // Full field access on that type (nested component fields included).
        permissions.push(...contentTypeService.getPermissionsWithNestedFields([{ ...action, subjects: [uid] }]));
      }
    }
    for (const actionId of [...spec.actions, ...(extraActions[spec.code] ?? [])]) {
      if (actionProvider.get(actionId)) permissions.push({ action: actionId, subject: null, properties: {}, conditions: [] });
    }
    await roleService.assignPermissions(role.id, permissions);
  }
}
