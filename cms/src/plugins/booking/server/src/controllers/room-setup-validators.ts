import { z } from 'zod';
import { MAX_GRID, SEAT_TYPES, STRUCTURAL_KINDS } from '../domain/room-setup';

const cellIndex = z.number().int().min(0).max(MAX_GRID - 1);
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a day as YYYY-MM-DD');
const clockTime = z.string().regex(/^(([01]\d|2[0-3]):[0-5]\d|24:00)$/, 'a time as HH:mm');
const closure = z.object({ starts_on: day, ends_on: day, reason: z.string().trim().max(200).nullable().optional() }).strict();

export const roomIdParam = z.object({ id: z.string().trim().min(1).max(64) });

export const layoutBody = z
  .object({
    version: z.number().int().min(0),
    rows: z.number().int().min(1).max(MAX_GRID),
    cols: z.number().int().min(1).max(MAX_GRID),
    cells: z.array(z.object({ row: cellIndex, col: cellIndex, kind: z.enum(STRUCTURAL_KINDS) }).strict()).max(MAX_GRID * MAX_GRID),
    seats: z
      .array(
        z
          .object({
            id: z.string().min(1).max(64).nullable().optional(),
            label: z.string().trim().min(1, 'every seat needs a label').max(20),
            type: z.enum(SEAT_TYPES),
            row: cellIndex,
            col: cellIndex,
            code: z.string().trim().max(40).nullable().optional(),
            enabled: z.boolean(),
          })
          .strict(),
      )
      .max(MAX_GRID * MAX_GRID),
  })
  .strict();

export const closuresBody = z.object({ closures: z.array(closure).max(100) }).strict();

export const roomBody = z
  .object({
    name: z.string().trim().min(1, 'a room needs a name').max(80),
    kind: z.enum(['hall', 'private']),
    state: z.enum(['open', 'maintenance']),
    floor: z.string().trim().max(40).nullable().optional(),
    address: z.string().trim().max(200).nullable().optional(),
    description: z.string().max(2000).nullable().optional(),
    sort: z.number().int().min(0).max(10000).optional(),
    photos: z.array(z.number().int().positive()).max(20),
    openingHours: z.array(z.object({ weekday: z.number().int().min(1).max(7), opens: clockTime, closes: clockTime }).strict()).max(30),
    prices: z.array(z.object({ seatType: z.enum(SEAT_TYPES), price_per_hour_fen: z.number().int().min(0).max(1_000_000) }).strict()).max(10),
    closures: z.array(closure).max(100),
    cancelAffected: z.object({ reason: z.string().trim().min(2, 'say briefly why (the member sees it)').max(200) }).strict().nullable().optional(),
  })
  .strict();
