import { useTheme } from 'styled-components';

/**
 * Occupancy by hour of day, one strip per room: plain SVG coloured with the design system's primary
 * scale (no chart package: two small charts do not justify a dependency in the admin bundle).
 */
const FIRST_HOUR = 6;
const LAST_HOUR = 24;

export const HeatStrip = ({ rooms, emptyLabel, legend }: { rooms: { id: string; name: string; percent: number[] }[]; emptyLabel: string; legend?: (maxPercent: number) => string }) => {
  const theme: any = useTheme();
  const c = theme.colors;
  const scale = [c.neutral100, c.primary100, c.primary200, c.primary500, c.primary600, c.primary700];
  // Shaded relative to the busiest room-hour, so a quiet week still shows its rhythm; the legend and the
  // tooltips give the absolute percentages.
  const max = Math.max(1, ...rooms.flatMap((r) => r.percent));
  const shade = (p: number) => (p <= 0 ? scale[0] : scale[Math.min(5, 1 + Math.floor((p / max) * 4.999))]);
  const hours = Array.from({ length: LAST_HOUR - FIRST_HOUR }, (_, i) => FIRST_HOUR + i);
  const labelW = 150;
  const cell = 30;
  const rowH = 26;
  const width = labelW + hours.length * cell;
  const height = 22 + rooms.length * (rowH + 6) + (legend ? 22 : 0);
  if (rooms.length === 0) return <p>{emptyLabel}</p>;
  return (
    <svg width="100%" viewBox={`0 0 ${width} ${height}`} role="img" aria-label="occupancy by hour" style={{ maxWidth: width }}>
      {hours.map((h, i) => (
        <text key={h} x={labelW + i * cell + cell / 2} y={12} fontSize={11} textAnchor="middle" fill={c.neutral600}>
          {h}
        </text>
      ))}
      {rooms.map((room, r) => (
        <g key={room.id} transform={`translate(0, ${20 + r * (rowH + 6)})`}>
          <text x={0} y={rowH / 2 + 4} fontSize={13} fill={c.neutral800}>
            {room.name.length > 11 ? `${room.name.slice(0, 11)}…` : room.name}
          </text>
          {hours.map((h, i) => (
            <rect key={h} x={labelW + i * cell + 1} y={0} width={cell - 2} height={rowH} rx={3} fill={shade(room.percent[h] ?? 0)}>
              <title>{`${room.name} ${h}:00–${h + 1}:00 ${room.percent[h] ?? 0}%`}</title>
            </rect>
          ))}
        </g>
      ))}
      {legend ? (
        <g transform={`translate(${labelW}, ${20 + rooms.length * (rowH + 6) + 4})`}>
          {scale.map((color, i) => (
            <rect key={color} x={i * 18} y={0} width={16} height={12} rx={2} fill={color} />
          ))}
          <text x={scale.length * 18 + 8} y={11} fontSize={12} fill={c.neutral600}>
            {legend(max)}
          </text>
        </g>
      ) : null}
    </svg>
  );
};
