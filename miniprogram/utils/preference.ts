/** "Book again": the member's last seat and duration, kept in storage after every paid booking. */
import type { Booking, PayWith } from '../services/types';

const KEY = 'studyroom.lastBooking';

export interface SeatPreference {
  roomId: string;
  roomName: string;
  seatId: string;
  seatLabel: string;
  durationMinutes: number;
  payWith: PayWith;
}

export function rememberBooking(b: Booking): SeatPreference {
  const pref: SeatPreference = {
    roomId: b.room.id,
    roomName: b.room.name,
    seatId: b.seat.id,
    seatLabel: b.seat.label,
    durationMinutes: Math.round((new Date(b.end).getTime() - new Date(b.start).getTime()) / 60_000),
    payWith: b.payWith === 'offline' ? 'wallet' : b.payWith,
  };
  wx.setStorageSync(KEY, pref);
  return pref;
}

export function lastPreference(): SeatPreference | null {
  try {
    const p = wx.getStorageSync(KEY);
    return p && typeof p === 'object' && p.seatId ? (p as SeatPreference) : null;
  } catch {
    return null;
  }
}

export function forgetPreference(): void {
  wx.removeStorageSync(KEY);
}
