/**
 * The member's tokens: kept in storage so a restart stays logged in, cleared on logout. Only the HTTP
 * layer reads them; pages ask `isLoggedIn()` at most.
 */
import type { TokenPair } from './types';

const KEY = 'studyroom.session';

export interface StoredSession extends TokenPair {
  userId: number;
}

let cached: StoredSession | null | undefined;

export function currentSession(): StoredSession | null {
  if (cached === undefined) {
    try {
      const raw = wx.getStorageSync(KEY);
      cached = raw && typeof raw === 'object' && raw.jwt ? (raw as StoredSession) : null;
    } catch {
      cached = null;
    }
  }
  return cached;
}

export function saveSession(s: StoredSession): void {
  cached = s;
  wx.setStorageSync(KEY, s);
}

export function clearSession(): void {
  cached = null;
  try {
    wx.removeStorageSync(KEY);
  } catch {
    /* storage unavailable: the in-memory copy is gone, which is what matters */
  }
}

export const isLoggedIn = (): boolean => !!currentSession();

/** Tests start from a clean slate (the module cache outlives a simulated wx). */
export function forgetCachedSession(): void {
  cached = undefined;
}
