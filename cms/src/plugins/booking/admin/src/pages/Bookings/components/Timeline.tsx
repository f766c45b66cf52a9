import { Box, Typography } from '@strapi/design-system';
import { useTheme } from 'styled-components';
import type { Board, BoardBooking } from '../../../api/client';
import { STATUS_COLORS } from '../../../components/StatusBadge';
import { clockOf, hourOf } from '../../../utils/format';
import { useT } from '../../../utils/useT';

const FIRST_HOUR = 6;
const LAST_HOUR = 24;
const HOUR_W = 64;
const ROW_H = 34;
const LABEL_W = 84;

/** Seats as rows, hours as columns, each booking a bar coloured by its status; click opens it. */
export const Timeline = ({ board, onOpen }: { board: Board; onOpen: (b: BoardBooking) => void }) => {
  const t = useT();
  const theme: any = useTheme();
  const c = theme.colors;
  const hours = Array.from({ length: LAST_HOUR - FIRST_HOUR }, (_, i) => FIRST_HOUR + i);
  const bySeat = new Map<string, BoardBooking[]>();
  for (const b of board.bookings) bySeat.set(b.seat, [...(bySeat.get(b.seat) ?? []), b]);
  // A booking that began the day before or ends after midnight is clipped to the day drawn.
  const x = (iso: string, edge: 'start' | 'end') => {
    const sameDay = iso.slice(0, 10) === board.date;
    const h = sameDay ? hourOf(iso) : edge === 'start' ? 0 : 24;
    return (Math.min(LAST_HOUR, Math.max(FIRST_HOUR, h)) - FIRST_HOUR) * HOUR_W;
  };
  const width = LABEL_W + hours.length * HOUR_W;
  return (
    <Box background="neutral0" hasRadius shadow="tableShadow" style={{ overflowX: 'auto' }}>
      <div style={{ position: 'relative', width, minWidth: width }}>
        <div style={{ display: 'flex', height: 28, borderBottom: `1px solid ${c.neutral200}` }}>
          <div style={{ width: LABEL_W, flex: 'none' }} />
          {hours.map((h) => (
            <div key={h} style={{ width: HOUR_W, flex: 'none', borderLeft: `1px solid ${c.neutral150}`, paddingLeft: 4, paddingTop: 6 }}>
              <Typography variant="pi" textColor="neutral600">{`${String(h).padStart(2, '0')}:00`}</Typography>
            </div>
          ))}
        </div>
        {board.seats.map((seat, i) => (
          <div key={seat.id} style={{ display: 'flex', height: ROW_H, borderBottom: `1px solid ${c.neutral150}`, background: i % 2 ? c.neutral100 : c.neutral0 }}>
            <div style={{ width: LABEL_W, flex: 'none', padding: '8px 12px' }}>
              <Typography fontWeight="bold" textColor={seat.enabled ? 'neutral800' : 'neutral400'}>
                {seat.label}
              </Typography>
            </div>
            <div style={{ position: 'relative', flex: 'none', width: hours.length * HOUR_W }}>
              {hours.map((h, j) => (
                <div key={h} style={{ position: 'absolute', left: j * HOUR_W, top: 0, bottom: 0, borderLeft: `1px solid ${c.neutral150}` }} />
              ))}
              {(bySeat.get(seat.id) ?? []).map((b) => {
                const left = x(b.start, 'start');
                const right = x(b.releasedFrom ?? b.end, 'end');
                const colors = STATUS_COLORS[b.status];
                const faded = b.status === 'cancelled' || b.status === 'expired';
                return (
                  <button
                    key={b.id}
                    type="button"
                    data-booking={b.id}
                    data-status={b.status}
                    onClick={() => onOpen(b)}
                    title={`${b.member.nickname ?? `#${b.member.id}`} ${clockOf(b.start)}–${clockOf(b.end)} ${t(`status.${b.status}` as any)}`}
                    style={{
                      position: 'absolute',
                      left: left + 1,
                      width: Math.max(8, right - left - 2),
                      top: faded ? 20 : 4,
                      height: faded ? 10 : ROW_H - 8,
                      borderRadius: 4,
                      border: 'none',
                      cursor: 'pointer',
                      background: c[colors.bar],
                      opacity: faded ? 0.7 : 1,
                      color: c.neutral0,
                      fontSize: 12,
                      textAlign: 'left',
                      padding: faded ? 0 : '0 6px',
                      overflow: 'hidden',
                      whiteSpace: 'nowrap',
                      textOverflow: 'ellipsis',
                    }}
                  >
                    {faded ? '' : `${b.member.nickname ?? `#${b.member.id}`} ${clockOf(b.start)}–${clockOf(b.end)}`}
                  </button>
                );
              })}
            </div>
          </div>
        ))}
      </div>
    </Box>
  );
};

export const Legend = () => {
  const t = useT();
  const theme: any = useTheme();
  return (
    <div style={{ display: 'flex', gap: 16, flexWrap: 'wrap' }}>
      {(Object.keys(STATUS_COLORS) as (keyof typeof STATUS_COLORS)[]).map((s) => (
        <span key={s} style={{ display: 'inline-flex', alignItems: 'center', gap: 6 }}>
          <span style={{ width: 14, height: 10, borderRadius: 3, background: theme.colors[STATUS_COLORS[s].bar], display: 'inline-block' }} />
          <Typography variant="pi" textColor="neutral600">{t(`status.${s}` as any)}</Typography>
        </span>
      ))}
    </div>
  );
};
