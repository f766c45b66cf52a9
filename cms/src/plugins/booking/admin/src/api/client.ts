import { getFetchClient } from '@strapi/strapi/admin';
import { z } from 'zod';

/**
 * The one typed client of the booking back office. Every answer is parsed with zod, so a page never
 * renders a shape it did not expect; errors keep the server's sentence and stable code.
 */
const money = z.object({
  in: z.object({ rechargesFen: z.number(), wechatBookingsFen: z.number(), wechatMembershipsFen: z.number(), offlineReceiptsFen: z.number(), totalFen: z.number() }),
  out: z.object({ refundsFen: z.number() }),
  consumption: z.object({ bookingsFen: z.number(), membershipsFen: z.number(), totalFen: z.number() }),
});
export type MoneyFigures = z.infer<typeof money>;

const overview = z.object({
  generatedAt: z.string(),
  timezone: z.string(),
  rooms: z.array(z.object({ id: z.string(), name: z.string(), kind: z.string(), state: z.string(), seats: z.number(), inUse: z.number(), held: z.number(), free: z.number() })),
  today: z.object({ bookings: z.number(), checkIns: z.number(), noShows: z.number(), cancellations: z.number() }),
  money: z.object({ today: money, last7Days: money, last30Days: money }),
  owed: z.object({ balanceFen: z.number(), bonusFen: z.number(), wallets: z.number() }),
  queues: z.object({ refundRequests: z.number(), appeals: z.number(), offlinePayments: z.number() }),
});
export type DashboardOverview = z.infer<typeof overview>;

const charts = z.object({
  timezone: z.string(),
  occupancy: z.object({ days: z.number(), rooms: z.array(z.object({ id: z.string(), name: z.string(), percent: z.array(z.number()) })) }),
  revenue: z.array(z.object({ date: z.string(), inFen: z.number() })),
});
export type DashboardCharts = z.infer<typeof charts>;

export const BOOKING_STATUSES = ['pending_payment', 'confirmed', 'checked_in', 'completed', 'cancelled', 'expired', 'no_show'] as const;
export type BookingStatus = (typeof BOOKING_STATUSES)[number];

const board = z.object({
  rooms: z.array(z.object({ id: z.string(), name: z.string(), kind: z.string() })),
  room: z.object({ id: z.string(), name: z.string(), kind: z.string(), state: z.string() }).nullable(),
  date: z.string(),
  timezone: z.string(),
  seats: z.array(z.object({ id: z.string(), label: z.string(), type: z.string(), enabled: z.boolean() })),
  bookings: z.array(
    z.object({
      id: z.string(),
      seat: z.string(),
      status: z.enum(BOOKING_STATUSES),
      start: z.string(),
      end: z.string(),
      releasedFrom: z.string().nullable(),
      payWith: z.string().nullable(),
      total_fen: z.number(),
      member: z.object({ id: z.number(), nickname: z.string().nullable() }),
    }),
  ),
});
export type Board = z.infer<typeof board>;
export type BoardBooking = Board['bookings'][number];

const booking = z
  .object({
    id: z.string(),
    status: z.enum(BOOKING_STATUSES),
    seat: z.object({ id: z.string(), label: z.string(), type: z.string() }).nullable(),
    room: z.object({ id: z.string(), name: z.string(), kind: z.string() }).nullable(),
    start: z.string(),
    end: z.string(),
    payWith: z.string().nullable(),
    base_fen: z.number(),
    member_discount_fen: z.number(),
    coupon_discount_fen: z.number(),
    total_fen: z.number(),
    refund_fen: z.number(),
    fee_fen: z.number(),
    holdExpiresAt: z.string().nullable(),
    checkedInAt: z.string().nullable(),
    cancelledAt: z.string().nullable(),
    cancelReason: z.string().nullable(),
    createdAt: z.string().nullable(),
    member: z.union([z.number(), z.object({ id: z.number(), nickname: z.string().nullable(), avatar: z.string().nullable() })]).nullable().optional(),
    offlineProof: z.object({ url: z.string(), uploadedAt: z.string().nullable() }).nullable().optional(),
    history: z.array(z.object({ from: z.string().nullable(), to: z.string(), actor: z.string(), actorId: z.number().nullable().optional(), reason: z.string().nullable(), at: z.string() })).optional(),
    verifiedAt: z.string().nullable().optional(),
    note: z.string().nullable().optional(),
  })
  .passthrough();
export type Booking = z.infer<typeof booking>;

const pagination = z.object({ page: z.number(), pageSize: z.number(), pageCount: z.number(), total: z.number() });
const page = <T extends z.ZodTypeAny>(item: T) => z.object({ data: z.array(item), meta: z.object({ pagination }) });
const one = <T extends z.ZodTypeAny>(item: T) => z.object({ data: item });

/** A refusal from the server: its sentence and stable code (API.md). */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly code: string | undefined,
    readonly status: number | undefined,
    /** The refusal's details (e.g. the bookings that keep a seat in a layout). */
    readonly details?: Record<string, any>,
  ) {
    super(message);
  }
}

async function call<T>(run: () => Promise<{ data: unknown }>, schema: z.ZodType<T>): Promise<T> {
  try {
    const { data } = await run();
    return schema.parse(data);
  } catch (e: any) {
    if (e instanceof z.ZodError) throw new ApiError(`Unexpected answer from the server: ${e.issues[0]?.path.join('.')} ${e.issues[0]?.message}`, 'SHAPE', undefined);
    const body = e?.response?.data?.error;
    throw new ApiError(body?.message ?? e?.message ?? 'Request failed', body?.details?.code, e?.status, body?.details);
  }
}

const qs = (params: Record<string, string | number | undefined | null>) =>
  Object.entries(params)
    .filter(([, v]) => v !== undefined && v !== null && v !== '')
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`)
    .join('&');

export interface BookingListFilter {
  status?: string;
  member?: string;
  room?: string;
  from?: string;
  to?: string;
  page: number;
  pageSize: number;
}

/* ---- The waiting list, as staff see it ---- */

export const WAITLIST_STATUSES = ['waiting', 'offered', 'accepted', 'lapsed', 'left', 'removed'] as const;
export type WaitlistStatus = (typeof WAITLIST_STATUSES)[number];

const waitlistEntry = z.object({
  id: z.string(),
  member: z.object({ id: z.number(), nickname: z.string().nullable(), avatar: z.string().nullable() }),
  room: z.object({ id: z.string(), name: z.string() }).nullable(),
  /** null: any seat of the room. */
  seat: z.object({ id: z.string(), label: z.string() }).nullable(),
  start: z.string(),
  end: z.string(),
  status: z.enum(WAITLIST_STATUSES),
  joinedAt: z.string(),
  position: z.number().nullable(),
  offer: z.object({ booking: z.string(), seat: z.object({ id: z.string().nullable(), label: z.string().nullable() }), total_fen: z.number(), expiresAt: z.string() }).nullable(),
  removal: z.object({ by: z.number().nullable(), reason: z.string().nullable(), at: z.string().nullable() }).nullable(),
});
export type WaitlistEntry = z.infer<typeof waitlistEntry>;

export interface WaitlistFilter {
  room?: string;
  /** A store day, YYYY-MM-DD. */
  date?: string;
  status?: WaitlistStatus;
  page: number;
  pageSize: number;
}

export const waitlistApi = {
  list: (f: WaitlistFilter) => call(() => getFetchClient().get(`/booking/waitlist?${qs({ ...f })}`), page(waitlistEntry)),
  remove: (id: string, reason: string) => call(() => getFetchClient().post(`/booking/waitlist/${id}/remove`, { reason }), one(waitlistEntry)).then((r) => r.data),
};

export type ExportKind = 'bookings' | 'ledger' | 'refund-requests' | 'members';
const EXPORT_PATHS: Record<ExportKind, string> = {
  bookings: '/booking/exports/bookings',
  ledger: '/payments/exports/ledger',
  'refund-requests': '/payments/exports/refund-requests',
  members: '/payments/exports/members',
};

export const bookingApi = {
  dashboard: () => call(() => getFetchClient().get('/booking/dashboard'), one(overview)).then((r) => r.data),
  dashboardCharts: () => call(() => getFetchClient().get('/booking/dashboard/charts'), one(charts)).then((r) => r.data),
  board: (room: string | undefined, date: string) => call(() => getFetchClient().get(`/booking/board?${qs({ room, date })}`), one(board)).then((r) => r.data),
  list: (f: BookingListFilter) => call(() => getFetchClient().get(`/booking/bookings?${qs({ ...f })}`), page(booking)),
  detail: (id: string) => call(() => getFetchClient().get(`/booking/bookings/${id}`), one(booking)).then((r) => r.data),
  cancel: (id: string, body: { reason?: string; waiveFee?: boolean }) => call(() => getFetchClient().post(`/booking/bookings/${id}/cancel`, body), one(booking)).then((r) => r.data),
  move: (id: string, body: { seat: string; reason?: string }) => call(() => getFetchClient().post(`/booking/bookings/${id}/move`, body), one(booking)).then((r) => r.data),
  checkIn: (id: string) => call(() => getFetchClient().post(`/booking/bookings/${id}/checkin`, {}), one(booking)).then((r) => r.data),
  checkInWithToken: (token: string) => call(() => getFetchClient().post('/booking/checkin', { token }), one(booking)).then((r) => r.data),
  offlineQueue: (status: string, pageNo: number, pageSize = 20) => call(() => getFetchClient().get(`/booking/offline-payments?${qs({ status, page: pageNo, pageSize })}`), page(booking)),
  confirmOffline: (id: string, note?: string) => call(() => getFetchClient().post(`/booking/offline-payments/${id}/confirm`, note ? { note } : {}), one(booking)).then((r) => r.data),
  rejectOffline: (id: string, reason: string) => call(() => getFetchClient().post(`/booking/offline-payments/${id}/reject`, { reason }), one(booking)).then((r) => r.data),

  /** Downloads an export as a file (the browser saves it under the server's file name). */
  async download(kind: ExportKind, from: string, to: string) {
    try {
      const res: any = await getFetchClient().get(`${EXPORT_PATHS[kind]}?${qs({ from, to })}`, { responseType: 'blob' } as any);
      const blob: Blob = res.data;
      const name = /filename="([^"]+)"/.exec(res.headers?.get?.('Content-Disposition') ?? '')?.[1] ?? `${kind}_${from}_${to}.csv`;
      const url = URL.createObjectURL(blob);
      const a = document.createElement('a');
      a.href = url;
      a.download = name;
      document.body.appendChild(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
      return { name, bytes: blob.size };
    } catch (e: any) {
      throw new ApiError(e?.message ?? 'Download failed', undefined, e?.status);
    }
  },
};

/* ---- Store setup: rooms, closures, seat layouts (issue 10) ---- */

export const SEAT_TYPES = ['standard', 'window', 'power', 'standing', 'room'] as const;
export type SeatType = (typeof SEAT_TYPES)[number];
export const STRUCTURAL_KINDS = ['aisle', 'wall', 'door'] as const;
export type StructuralKind = (typeof STRUCTURAL_KINDS)[number];

const closure = z.object({ starts_on: z.string(), ends_on: z.string(), reason: z.string().nullable().optional() });
export type Closure = z.infer<typeof closure>;
const layoutSeat = z.object({ id: z.string().nullable().optional(), label: z.string(), type: z.enum(SEAT_TYPES), row: z.number(), col: z.number(), code: z.string().nullable().optional(), enabled: z.boolean() });
export type LayoutSeat = z.infer<typeof layoutSeat>;
const roomFields = {
  id: z.string(),
  name: z.string(),
  kind: z.enum(['hall', 'private']),
  state: z.enum(['open', 'maintenance']),
  floor: z.string().nullable(),
  address: z.string().nullable(),
  description: z.string().nullable(),
  sort: z.number(),
  photos: z.array(z.object({ id: z.number(), url: z.string(), name: z.string().nullable(), alt: z.string().nullable() })),
  openingHours: z.array(z.object({ weekday: z.number(), opens: z.string(), closes: z.string() })),
  prices: z.array(z.object({ seatType: z.enum(SEAT_TYPES), price_per_hour_fen: z.number() })),
  closures: z.array(closure),
  seatCount: z.number(),
  enabledSeats: z.number(),
};
const roomSummary = z.object({ ...roomFields, layoutVersion: z.number(), closedToday: z.boolean() });
export type RoomSummary = z.infer<typeof roomSummary>;
const roomSetup = z.object({
  ...roomFields,
  layout: z.object({ version: z.number(), rows: z.number(), cols: z.number(), cells: z.array(z.object({ row: z.number(), col: z.number(), kind: z.enum(STRUCTURAL_KINDS) })), seats: z.array(layoutSeat) }),
});
export type RoomSetup = z.infer<typeof roomSetup>;
const affectedBooking = z.object({
  id: z.string(),
  status: z.string(),
  seat: z.string().nullable(),
  start: z.string(),
  end: z.string(),
  member: z.object({ id: z.number(), nickname: z.string().nullable() }).passthrough(),
  board: z.string(),
});
export type AffectedBooking = z.infer<typeof affectedBooking>;
const media = z.object({ id: z.number(), name: z.string(), url: z.string(), mime: z.string().nullable().optional(), formats: z.any().optional() }).passthrough();
export type MediaFile = z.infer<typeof media>;

export interface RoomSettingsInput {
  name: string;
  kind: 'hall' | 'private';
  state: 'open' | 'maintenance';
  floor: string | null;
  address: string | null;
  description: string | null;
  sort: number;
  photos: number[];
  openingHours: { weekday: number; opens: string; closes: string }[];
  prices: { seatType: SeatType; price_per_hour_fen: number }[];
  closures: Closure[];
  cancelAffected?: { reason: string } | null;
}
export interface LayoutInput {
  version: number;
  rows: number;
  cols: number;
  cells: { row: number; col: number; kind: StructuralKind }[];
  seats: LayoutSeat[];
}

export const roomSetupApi = {
  list: () => call(() => getFetchClient().get('/booking/rooms'), z.object({ data: z.array(roomSummary) })).then((r) => r.data),
  detail: (id: string) => call(() => getFetchClient().get(`/booking/rooms/${id}`), one(roomSetup)).then((r) => r.data),
  update: (id: string, body: RoomSettingsInput) =>
    call(() => getFetchClient().put(`/booking/rooms/${id}`, body), z.object({ data: roomSetup, meta: z.object({ cancelled: z.array(z.string()) }) })),
  closureImpact: (id: string, closures: Closure[]) => call(() => getFetchClient().post(`/booking/rooms/${id}/closure-impact`, { closures }), z.object({ data: z.array(affectedBooking) })).then((r) => r.data),
  saveLayout: (id: string, body: LayoutInput) => call(() => getFetchClient().put(`/booking/rooms/${id}/layout`, body), one(roomSetup)).then((r) => r.data),
  /** Images of the media library (Strapi's upload plugin), newest first. */
  mediaImages: () =>
    call(() => getFetchClient().get(`/upload/files?${qs({ page: 1, pageSize: 60, sort: 'createdAt:DESC', 'filters[mime][$startsWith]': 'image' })}`), z.object({ results: z.array(media) }).or(z.array(media))).then((r) => (Array.isArray(r) ? r : r.results)),
  uploadImage: (file: File) => {
    const form = new FormData();
    form.append('files', file);
    return call(() => getFetchClient().post('/upload', form), z.array(media));
  },
};

/* Announcements and parameters (issue 10, items 4–5). */
export const ANNOUNCEMENT_STATES = ['draft', 'scheduled', 'live', 'expired'] as const;
export type AnnouncementState = (typeof ANNOUNCEMENT_STATES)[number];

const announcement = z.object({
  id: z.string(),
  title: z.string(),
  summary: z.string().nullable(),
  body: z.unknown(),
  cover: z.object({ id: z.number(), url: z.string(), width: z.number().nullable(), height: z.number().nullable(), name: z.string() }).nullable(),
  audience: z.enum(['all', 'tag', 'tier']),
  audienceTag: z.object({ id: z.string(), name: z.string() }).nullable(),
  audienceTier: z.object({ id: z.string(), name: z.string() }).nullable(),
  publishAt: z.string().nullable(),
  expireAt: z.string().nullable(),
  pinned: z.boolean(),
  state: z.enum(ANNOUNCEMENT_STATES),
  published: z.boolean(),
  modified: z.boolean(),
  updatedAt: z.string().nullable(),
});
export type Announcement = z.infer<typeof announcement>;
const announcementPage = z.object({
  data: z.array(announcement),
  meta: z.object({ pagination, counts: z.object({ draft: z.number(), scheduled: z.number(), live: z.number(), expired: z.number() }) }),
});
const audiences = z.object({
  tags: z.array(z.object({ id: z.string(), name: z.string(), code: z.string().nullable(), color: z.string().nullable() })),
  tiers: z.array(z.object({ id: z.string(), name: z.string(), code: z.string().nullable() })),
});
export type Audiences = z.infer<typeof audiences>;

export interface AnnouncementInput {
  title: string;
  summary: string | null;
  body: unknown[] | null;
  cover: number | null;
  audience: 'all' | 'tag' | 'tier';
  audienceTag: string | null;
  audienceTier: string | null;
  publishAt: string | null;
  expireAt: string | null;
  pinned: boolean;
}

const parameterField = z.object({ type: z.enum(['string', 'integer', 'boolean']), required: z.boolean(), min: z.number().nullable(), max: z.number().nullable(), maxLength: z.number().nullable(), default: z.unknown() });
const parameters = z.object({ values: z.record(z.string(), z.unknown()), fields: z.record(z.string(), parameterField) });
export type ParametersAnswer = z.infer<typeof parameters>;

export const contentApi = {
  announcements: (state: AnnouncementState | undefined, pageNo: number, pageSize = 20) =>
    call(() => getFetchClient().get(`/booking/announcements?${qs({ state, page: pageNo, pageSize })}`), announcementPage),
  announcement: (id: string) => call(() => getFetchClient().get(`/booking/announcements/${id}`), one(announcement)).then((r) => r.data),
  audiences: () => call(() => getFetchClient().get('/booking/announcement-audiences'), one(audiences)).then((r) => r.data),
  createAnnouncement: (body: AnnouncementInput) => call(() => getFetchClient().post('/booking/announcements', body), one(announcement)).then((r) => r.data),
  updateAnnouncement: (id: string, body: AnnouncementInput) => call(() => getFetchClient().put(`/booking/announcements/${id}`, body), one(announcement)).then((r) => r.data),
  scheduleAnnouncement: (id: string) => call(() => getFetchClient().post(`/booking/announcements/${id}/schedule`, {}), one(announcement)).then((r) => r.data),
  publishAnnouncement: (id: string) => call(() => getFetchClient().post(`/booking/announcements/${id}/publish`, {}), one(announcement)).then((r) => r.data),
  unpublishAnnouncement: (id: string) => call(() => getFetchClient().post(`/booking/announcements/${id}/unpublish`, {}), one(announcement)).then((r) => r.data),
  deleteAnnouncement: (id: string) => call(() => getFetchClient().del(`/booking/announcements/${id}`), z.unknown()),
  parameters: () => call(() => getFetchClient().get('/booking/parameters'), one(parameters)).then((r) => r.data),
  saveParameters: (change: Record<string, unknown>) => call(() => getFetchClient().put('/booking/parameters', change), one(parameters)).then((r) => r.data),
};

