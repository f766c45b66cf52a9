import { useTheme } from 'styled-components';

/**
 * Occupancy by hour of day, one strip per room: plain SVG coloured with the design system's primary
 * scale (no chart package: two small charts do not justify a dependency in the admin bundle).
 */
const FIRST_HOUR = 6;
const LAST_HOUR = 24;

export const HeatStrip = ({ rooms, emptyLabel }: { rooms: { id: string; name: string; percent: number[] }[]; emptyLabel: string }) => {
  const theme: any = useTheme();
  const c = theme.colors;
  const scale = [c.neutral100, c.primary100, c.primary200, c.primary500, c.primary600, c.primary700];
  const shade = (p: number) => (p <= 0 ? scale[0] : p < 10 ? scale[1] : p < 25 ? scale[2] : p < 50 ? scale[3] : p < 75 ? scale[4] : scale[5]);
  const hours = Array.from({ length: LAST_HOUR - FIRST_HOUR }, (_, i) => FIRST_HOUR + i);
  const labelW = 120;
  const cell = 30;
  const rowH = 26;
  const width = labelW + hours.length * cell;
  const height = 22 + rooms.length * (rowH + 6);
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
            {room.name.length > 9 ? `${room.name.slice(0, 9)}…` : room.name}
          </text>
          {hours.map((h, i) => (
            <rect key={h} x={labelW + i * cell + 1} y={0} width={cell - 2} height={rowH} rx={3} fill={shade(room.percent[h] ?? 0)}>
              <title>{`${room.name} ${h}:00–${h + 1}:00 ${room.percent[h] ?? 0}%`}</title>
            </rect>
          ))}
        </g>
      ))}
    </svg>
  );
};
