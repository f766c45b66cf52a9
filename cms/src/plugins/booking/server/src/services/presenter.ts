import type { BookingRow } from '../repositories/bookings';
import { toLocalIso } from '../domain';

type SeatInfo = { documentId: string; label: string; type: string; room: { documentId: string; name: string; kind: string } | null };

/** A booking as members and staff see it: documentIds, ISO times with the store's offset, fen. */
export function presentBooking(b: BookingRow, seat: SeatInfo | undefined, tz: string, extra: Record<string, unknown> = {}) {
  const iso = (d: Date | null) => (d ? toLocalIso(d, tz) : null);
  return {
    id: b.document_id,
    status: b.status,
    seat: seat ? { id: seat.documentId, label: seat.label, type: seat.type } : null,
    room: seat?.room ? { id: seat.room.documentId, name: seat.room.name, kind: seat.room.kind } : null,
    start: iso(b.start_at),
    end: iso(b.end_at),
    releasedFrom: iso(b.released_at),
    payWith: b.pay_method,
    base_fen: b.base_fen,
    member_discount_fen: b.member_discount_fen,
    coupon_discount_fen: b.coupon_discount_fen,
    total_fen: b.total_fen,
    refund_fen: b.refund_fen ?? 0,
    fee_fen: b.fee_fen ?? 0,
    coupon: b.coupon_id ?? null,
    holdExpiresAt: b.status === 'pending_payment' ? iso(b.hold_expires_at) : null,
    checkedInAt: iso(b.checked_in_at),
    checkedOutAt: iso(b.checked_out_at),
    cancelledAt: iso(b.cancelled_at),
    cancelReason: b.cancel_reason ?? null,
    createdAt: iso(b.created_at),
    ...(b.pay_method === 'offline' ? { offlineProof: b.offline_proof_url ? { url: b.offline_proof_url, uploadedAt: iso(b.offline_proof_at ?? null) } : null } : {}),
    ...extra,
  };
}
