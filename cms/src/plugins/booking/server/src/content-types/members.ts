/**
 * Member records staff work with from the back office: ban history and batch operations. Hidden from
 * the content manager – they change only through the members service (who, when, why is the point).
 */
const hidden = { 'content-manager': { visible: false }, 'content-type-builder': { visible: false } };

/** Every ban and every lift, written in the same transaction as the change of up_users.ban_until. */
const memberBan = {
  kind: 'collectionType',
  collectionName: 'booking_member_bans',
  info: { singularName: 'member-ban', pluralName: 'member-bans', displayName: '封禁记录 Ban record', description: 'Who banned or lifted a ban, when, why, until when' },
  options: { draftAndPublish: false },
  pluginOptions: hidden,
  attributes: {
    user_id: { type: 'integer', required: true },
    action: { type: 'enumeration', enum: ['ban', 'lift'], required: true },
    until: { type: 'datetime' },
    reason: { type: 'string', required: true },
    actor_type: { type: 'enumeration', enum: ['staff', 'system'], required: true },
    actor_id: { type: 'integer' },
    // documentId of the appeal whose acceptance lifted the ban.
    appeal_id: { type: 'string' },
    at: { type: 'datetime', required: true },
  },
  indexes: [{ name: 'booking_member_bans_user_idx', columns: ['user_id', 'id'] }],
};

/** A batch operation over a fixed set of members (its items), run by a background job. */
const memberBatch = {
  kind: 'collectionType',
  collectionName: 'booking_member_batches',
  info: { singularName: 'member-batch', pluralName: 'member-batches', displayName: '批量操作 Member batch', description: 'Issue a coupon, add or remove a tag for many members' },
  options: { draftAndPublish: false },
  pluginOptions: hidden,
  attributes: {
    operation: { type: 'enumeration', enum: ['issue_coupon', 'add_tag', 'remove_tag'], required: true },
    // { template } | { tag, expiresAt }
    params: { type: 'json', required: true },
    // How the members were chosen (tag, filter or list), for the record.
    selection: { type: 'json', required: true },
    // Pasted entries that matched no member.
    unresolved: { type: 'json' },
    status: { type: 'enumeration', enum: ['queued', 'running', 'completed'], required: true },
    total: { type: 'integer', required: true, default: 0 },
    // Resume point: items up to this id are done (a restarted job carries on after it).
    resume_after_id: { type: 'integer', required: true, default: 0 },
    created_by: { type: 'integer' },
    started_at: { type: 'datetime' },
    finished_at: { type: 'datetime' },
  },
  indexes: [{ name: 'booking_member_batches_status_idx', columns: ['status', 'id'] }],
};

/** One member of a batch: the unique (batch, member) index makes each member's step happen once. */
const memberBatchItem = {
  kind: 'collectionType',
  collectionName: 'booking_member_batch_items',
  info: { singularName: 'member-batch-item', pluralName: 'member-batch-items', displayName: 'Member batch item', description: 'One member of a batch and the outcome of its step' },
  options: { draftAndPublish: false },
  pluginOptions: hidden,
  attributes: {
    batch_id: { type: 'integer', required: true },
    user_id: { type: 'integer', required: true },
    status: { type: 'enumeration', enum: ['pending', 'done', 'skipped', 'failed'], required: true },
    reason: { type: 'string' },
  },
  indexes: [
    { name: 'booking_member_batch_items_uq', columns: ['batch_id', 'user_id'], type: 'unique' },
    { name: 'booking_member_batch_items_status_idx', columns: ['batch_id', 'status', 'id'] },
  ],
};

export default {
  'member-ban': { schema: memberBan },
  'member-batch': { schema: memberBatch },
  'member-batch-item': { schema: memberBatchItem },
};
