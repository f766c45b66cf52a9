import { useTheme } from 'styled-components';
import { yuan } from '../utils/format';

/** Money in per day over 30 days: SVG bars in the design system's success colour, axis in yuan. */
export const RevenueChart = ({ days }: { days: { date: string; inFen: number }[] }) => {
  const theme: any = useTheme();
  const c = theme.colors;
  const width = 760;
  const height = 220;
  const left = 70;
  const bottom = 28;
  const top = 10;
  const max = Math.max(100, ...days.map((d) => d.inFen));
  const step = (width - left - 10) / Math.max(1, days.length);
  const y = (fen: number) => top + (height - top - bottom) * (1 - fen / max);
  const ticks = [0, 0.5, 1].map((f) => Math.round(max * f));
  return (
    <svg width="100%" viewBox={`0 0 ${width} ${height}`} role="img" aria-label="daily revenue" style={{ maxWidth: width }}>
      {ticks.map((t) => (
        <g key={t}>
          <line x1={left} x2={width - 10} y1={y(t)} y2={y(t)} stroke={c.neutral150} />
          <text x={left - 6} y={y(t) + 4} fontSize={11} textAnchor="end" fill={c.neutral600}>
            {yuan(t).replace(/\.\d\d$/, '')}
          </text>
        </g>
      ))}
      {days.map((d, i) => (
        <g key={d.date}>
          <rect x={left + i * step + 2} y={y(d.inFen)} width={Math.max(2, step - 4)} height={Math.max(0, height - bottom - y(d.inFen))} rx={2} fill={i === days.length - 1 ? c.success600 : c.success500}>
            <title>{`${d.date} ${yuan(d.inFen)}`}</title>
          </rect>
          {i % 5 === 4 || i === days.length - 1 ? (
            <text x={left + i * step + step / 2} y={height - 10} fontSize={11} textAnchor="middle" fill={c.neutral600}>
              {d.date.slice(5)}
            </text>
          ) : null}
        </g>
      ))}
    </svg>
  );
};
