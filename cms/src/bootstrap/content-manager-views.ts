/**
 * Useful admin list views with bilingual labels (zh / en): columns staff scan for, sensible sort.
 * Applied at boot; staff can still rearrange views afterwards (we only set them the first time).
 */
type View = { columns: string[]; labels: Record<string, string>; sort?: [string, 'ASC' | 'DESC']; mainField?: string };

const VIEWS: Record<string, View> = {
  'api::room.room': {
    columns: ['name', 'kind', 'state', 'floor', 'sort'],
    labels: { name: '名称 Name', kind: '类型 Kind', state: '状态 Status', floor: '楼层 Floor', address: '地址 Address', sort: '排序 Order', photos: '照片 Photos', opening_hours: '营业时间 Opening hours', prices: '价格 Prices', layout: '布局 Layout', seats: '座位 Seats', description: '介绍 Description' },
    sort: ['sort', 'ASC'],
  },
  'api::seat.seat': {
    columns: ['label', 'type', 'room', 'enabled', 'code'],
    labels: { label: '座位号 Label', type: '类型 Type', room: '自习室 Room', enabled: '可用 Enabled', code: '座位码 Seat code', row: '行 Row', col: '列 Column' },
    sort: ['label', 'ASC'],
    mainField: 'label',
  },
  'api::announcement.announcement': {
    columns: ['title', 'audience', 'pinned', 'publish_at', 'expire_at'],
    labels: { title: '标题 Title', summary: '摘要 Summary', body: '正文 Body', cover: '封面 Cover', audience: '受众 Audience', audience_tag: '标签 Tag', audience_tier: '等级 Tier', publish_at: '发布时间 Publish at', expire_at: '过期时间 Expire at', pinned: '置顶 Pinned', scheduled: '等待定时发布 Waiting for publish-at' },
    sort: ['publish_at', 'DESC'],
  },
  'api::coupon-template.coupon-template': {
    columns: ['name', 'kind', 'applies_to', 'min_spend_fen', 'per_member_limit', 'active'],
    labels: { name: '名称 Name', kind: '类型 Kind', amount_off_fen: '减免(分) Amount off (fen)', percent_off: '折扣% Percent off', max_discount_fen: '封顶(分) Cap (fen)', free_hours: '免费小时 Free hours', min_spend_fen: '门槛(分) Min spend (fen)', applies_to: '适用 Applies to', rooms: '适用自习室 Rooms', valid_from: '生效 Valid from', valid_to: '失效 Valid to', valid_days_after_issue: '领取后有效天数 Valid days', per_member_limit: '每人限领 Per member', issue_on_signup: '注册发放 On sign-up', issue_on_recharge_min_fen: '充值满额发放 On recharge ≥', active: '启用 Active', description: '说明 Description' },
  },
  'api::tag.tag': { columns: ['name', 'code', 'rule', 'color'], labels: { name: '名称 Name', code: '代码 Code', color: '颜色 Color', rule: '规则 Rule', rule_threshold: '阈值 Threshold', rule_days: '天数 Days', default_valid_days: '默认有效天数 Valid days', description: '说明 Description' } },
  'api::member-tag.member-tag': { columns: ['user', 'tag', 'expires_at', 'source'], labels: { user: '会员 Member', tag: '标签 Tag', expires_at: '到期 Expires', source: '来源 Source', note: '备注 Note' } },
  'api::recharge-package.recharge-package': { columns: ['name', 'amount_fen', 'bonus_fen', 'active', 'sort'], labels: { name: '名称 Name', amount_fen: '金额(分) Amount (fen)', bonus_fen: '赠送(分) Bonus (fen)', active: '启用 Active', sort: '排序 Order' }, sort: ['sort', 'ASC'] },
  'api::membership-tier.membership-tier': {
    columns: ['name', 'level', 'discount_percent', 'booking_horizon_days', 'price_month_fen', 'price_quarter_fen'],
    labels: { name: '名称 Name', code: '代码 Code', level: '级别 Level', discount_percent: '折扣% Discount', booking_horizon_days: '可提前天数 Horizon days', free_cancel_hours: '免费取消(小时) Free cancel hours', daily_quota_hours: '每日限额(小时) Daily quota', price_month_fen: '月卡(分) Month (fen)', price_quarter_fen: '季卡(分) Quarter (fen)', earn_by_recharge_fen: '累计充值升级(分) Earned at (fen)', description: '说明 Description' },
    sort: ['level', 'ASC'],
  },
  'api::appeal.appeal': { columns: ['user', 'status', 'ban_until', 'createdAt'], labels: { user: '会员 Member', text: '申诉内容 Text', status: '状态 Status', ban_until: '封禁至 Banned until', ban_reason: '封禁原因 Reason', reply: '回复 Reply', reviewed_at: '处理时间 Reviewed at' }, sort: ['createdAt', 'DESC'] },
  'api::parameter.parameter': {
    columns: [],
    labels: {
      store_timezone: '门店时区 Store time zone',
      slot_minutes: '时段粒度(分钟) Slot minutes',
      hold_minutes: '锁座时长(分钟) Hold minutes',
      max_booking_minutes: '单次最长(分钟) Max booking minutes',
      booking_horizon_days: '可提前预约天数 Booking horizon (days)',
      daily_quota_hours: '每日限额(小时) Daily quota (hours)',
      open_booking_limit: '未完成预约上限 Open bookings limit',
      cancel_free_hours: '免费取消(开始前小时) Free cancellation (hours before)',
      cancel_fee_percent: '取消手续费% Cancellation fee %',
      release_coupon_on_cancel: '取消退回优惠券 Return coupon on cancel',
      checkin_open_minutes_before: '提前签到(分钟) Check-in opens (min before)',
      no_show_grace_minutes: '爽约宽限(分钟) No-show grace (minutes)',
      early_checkout_refund: '提前签退退款 Refund early check-out',
      violation_threshold: '违约次数上限 Violations before a ban',
      violation_window_days: '违约统计天数 Violation window (days)',
      ban_days: '封禁天数 Ban days',
      recharge_min_fen: '最低充值(分) Min recharge (fen)',
      recharge_max_fen: '最高充值(分) Max recharge (fen)',
      checkin_token_seconds: '签到码有效期(秒) Check-in code lifetime (s)',
      customer_service_contact: '客服联系方式 Customer service contact',
      offline_payment_enabled: '允许线下支付 Offline payment enabled',
      offline_hold_minutes: '线下支付保留(分钟) Offline hold minutes',
      waitlist_offer_minutes: '候补保留(分钟) Waiting-list offer minutes',
      waitlist_max_entries: '候补上限(条) Waiting-list entries per member',
    },
    mainField: 'customer_service_contact',
  },
  'plugin::booking.booking': {
    columns: ['id', 'status', 'seat_id', 'user_id', 'start_at', 'end_at', 'total_fen'],
    labels: { status: '状态 Status', seat_id: '座位 Seat #', user_id: '会员 Member #', room_id: '自习室 Room #', start_at: '开始 Start', end_at: '结束 End', total_fen: '实付(分) Paid (fen)', pay_method: '支付方式 Method' },
    sort: ['start_at', 'DESC'],
  },
  'plugin::users-permissions.user': {
    columns: ['id', 'nickname', 'username', 'ban_until', 'blocked', 'createdAt'],
    labels: { nickname: '昵称 Nickname', username: '用户名 Username', ban_until: '封禁至 Banned until', ban_reason: '封禁原因 Ban reason', blocked: '停用 Blocked', avatar: '头像 Avatar', member_tags: '标签 Tags' },
    sort: ['createdAt', 'DESC'],
    mainField: 'nickname',
  },
};

export async function applyContentManagerViews(strapi: any) {
  const service = strapi.plugin('content-manager').service('content-types');
  const store = strapi.store({ type: 'core', name: 'studyroom' });
  const applied = ((await store.get({ key: 'cm_views_applied' })) as string[] | null) ?? [];
  for (const [uid, view] of Object.entries(VIEWS)) {
    if (applied.includes(uid) || !strapi.contentTypes[uid]) continue;
    const ct = strapi.contentTypes[uid];
    const current = await service.findConfiguration(ct);
    const metadatas = { ...current.metadatas };
    for (const [field, label] of Object.entries(view.labels)) {
      if (!metadatas[field]) continue;
      metadatas[field] = { ...metadatas[field], edit: { ...metadatas[field].edit, label }, list: { ...metadatas[field].list, label } };
    }
    const columns = view.columns.filter((c) => c === 'id' || c === 'createdAt' || ct.attributes[c]);
    await service.updateConfiguration(ct, {
      settings: {
        ...current.settings,
        ...(view.sort ? { defaultSortBy: view.sort[0], defaultSortOrder: view.sort[1] } : {}),
        ...(view.mainField ? { mainField: view.mainField } : {}),
      },
      metadatas,
      layouts: { ...current.layouts, list: columns.length ? columns : current.layouts.list },
    });
    applied.push(uid);
  }
  await store.set({ key: 'cm_views_applied', value: applied });
}
