import { fail } from '../../../../../platform/errors';
import { invalidInput } from '../../../../../platform/validation';
import { localDay, splitByLocalDay, type TimeRange } from './slots';

/**
 * Store setup rules for rooms: what a saved layout is allowed to be, how it changes the seats that
 * exist, and which dates a closure takes out of booking. Pure functions of their inputs.
 */
export const SEAT_TYPES = ['standard', 'window', 'power', 'standing', 'room'] as const;
export const STRUCTURAL_KINDS = ['aisle', 'wall', 'door'] as const;
export const MAX_GRID = 40;

export type SeatType = (typeof SEAT_TYPES)[number];
export type StructuralKind = (typeof STRUCTURAL_KINDS)[number];

export interface LayoutSeat {
  /** The seat's documentId when it already exists; absent for a new seat. */
  id?: string | null;
  label: string;
  type: SeatType;
  row: number;
  col: number;
  code?: string | null;
  enabled: boolean;
}

export interface LayoutDraft {
  rows: number;
  cols: number;
  cells: { row: number; col: number; kind: StructuralKind }[];
  seats: LayoutSeat[];
}

export interface ExistingSeat {
  id: number;
  documentId: string;
  label: string;
  type: string;
  row: number;
  col: number;
  code: string | null;
  enabled: boolean;
}

export interface LayoutPlan {
  create: LayoutSeat[];
  update: { id: number; documentId: string; data: Omit<LayoutSeat, 'id'> }[];
  remove: ExistingSeat[];
}

const problem = invalidInput;

/** A layout staff may save: inside its grid, one thing per cell, labels and codes unique. */
export function checkLayoutDraft(draft: LayoutDraft): void {
  const { rows, cols } = draft;
  if (rows < 1 || cols < 1 || rows > MAX_GRID || cols > MAX_GRID) throw problem('rows', `A layout has 1 to ${MAX_GRID} rows and columns.`);
  const taken = new Map<string, string>();
  const place = (row: number, col: number, what: string) => {
    if (row < 0 || col < 0 || row >= rows || col >= cols) throw problem('cells', `${what} at row ${row + 1}, column ${col + 1} lies outside the ${rows}×${cols} grid; enlarge the grid or move it.`);
    const key = `${row}:${col}`;
    if (taken.has(key)) throw problem('cells', `Row ${row + 1}, column ${col + 1} holds both ${taken.get(key)} and ${what}; a cell holds one thing.`);
    taken.set(key, what);
  };
  for (const c of draft.cells) place(c.row, c.col, `a ${c.kind}`);
  const labels = new Set<string>();
  const codes = new Set<string>();
  const ids = new Set<string>();
  for (const s of draft.seats) {
    const label = s.label.trim();
    if (!label) throw problem('label', `The seat at row ${s.row + 1}, column ${s.col + 1} has no label; give it one (or auto-number the row).`);
    place(s.row, s.col, `seat ${label}`);
    if (labels.has(label)) throw problem('label', `Two seats are labelled ${label}; labels must be unique in a room.`, { label });
    labels.add(label);
    const code = s.code?.trim();
    if (code) {
      if (codes.has(code)) throw problem('code', `Two seats carry the code ${code}; seat codes must be unique.`, { code });
      codes.add(code);
    }
    if (s.id) {
      if (ids.has(s.id)) throw problem('seats', `Seat ${label} appears twice in the layout.`);
      ids.add(s.id);
    }
  }
}

/**
 * How the saved layout changes the room's seats. A seat sent with its id keeps that id (and so its
 * bookings) wherever it moved; existing seats not sent any more are removed.
 */
export function planLayoutSave(existing: ExistingSeat[], draft: LayoutDraft): LayoutPlan {
  const byDocumentId = new Map(existing.map((s) => [s.documentId, s]));
  const kept = new Set<string>();
  const plan: LayoutPlan = { create: [], update: [], remove: [] };
  for (const s of draft.seats) {
    const data = { label: s.label.trim(), type: s.type, row: s.row, col: s.col, code: s.code?.trim() || null, enabled: s.enabled };
    const current = s.id ? byDocumentId.get(s.id) : undefined;
    if (s.id && !current) throw fail('NOT_FOUND', `Seat ${data.label} is not (or no longer) a seat of this room; reload the layout.`, { seat: s.id });
    if (!current) {
      plan.create.push(data);
      continue;
    }
    kept.add(current.documentId);
    const changed = (Object.keys(data) as (keyof typeof data)[]).some((k) => (current as any)[k] !== data[k]);
    if (changed) plan.update.push({ id: current.id, documentId: current.documentId, data });
  }
  plan.remove = existing.filter((s) => !kept.has(s.documentId));
  return plan;
}

/** Labels A1…An along each row, left to right (the row letter from the row's position). */
export function autoNumberRow(row: number, cols: number[]): { col: number; label: string }[] {
  const letter = row < 26 ? String.fromCharCode(65 + row) : `R${row + 1}-`;
  return [...cols].sort((a, b) => a - b).map((col, i) => ({ col, label: `${letter}${i + 1}` }));
}

export interface Closure {
  starts_on: string;
  ends_on: string;
  reason?: string | null;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export function checkClosures(closures: Closure[]): void {
  closures.forEach((c, i) => {
    if (!DATE.test(c.starts_on) || !DATE.test(c.ends_on)) throw problem(`closures.${i}`, 'Closure dates are days in the form YYYY-MM-DD.');
    if (c.ends_on < c.starts_on) throw problem(`closures.${i}`, `The closure from ${c.starts_on} ends (${c.ends_on}) before it starts; swap the dates.`);
  });
}

/** The first closure that covers any local day of the range, or null (the range is bookable). */
export function closureCovering(closures: Closure[], range: TimeRange, tz: string): Closure | null {
  if (closures.length === 0) return null;
  const days = splitByLocalDay(range, tz).map((d) => d.day);
  if (days.length === 0) days.push(localDay(range.start, tz));
  return closures.find((c) => days.some((d) => d >= c.starts_on && d <= c.ends_on)) ?? null;
}
