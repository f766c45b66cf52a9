import type { SeatType, Structural } from '../grid';

/** Editor colours per seat type (the palette and the grid share them). */
export const SEAT_COLOURS: Record<SeatType, { bg: string; border: string; text: string }> = {
  standard: { bg: '#e6f0ff', border: '#4945ff', text: '#271fe0' },
  window: { bg: '#e3f6fc', border: '#0c75af', text: '#0c75af' },
  power: { bg: '#fdf4dc', border: '#d9822f', text: '#a5561a' },
  standing: { bg: '#f0e8fd', border: '#8f60e0', text: '#6b3fc0' },
  room: { bg: '#eafbe7', border: '#328048', text: '#2f6846' },
};
export const CELL_COLOURS: Record<Structural | 'empty', { bg: string; border: string }> = {
  aisle: { bg: '#f6f6f9', border: '#dcdce4' },
  wall: { bg: '#8e8ea9', border: '#666687' },
  door: { bg: '#fff3e0', border: '#ed7b2f' },
  empty: { bg: '#ffffff', border: '#eaeaef' },
};
