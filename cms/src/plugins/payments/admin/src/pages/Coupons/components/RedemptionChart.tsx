import { useTheme } from 'styled-components';
import type { CouponAnalytics } from '../../../api/client';

/**
 * Redemption over time as plain SVG (like the dashboard's charts): bars of coupons used per day, and a
 * line of the cumulative redemption rate (used / issued so far) on a 0–100 % axis.
 */
export function RedemptionChart({ series, labels }: { series: CouponAnalytics['series']; labels: { used: string; rate: string } }) {
  const theme: any = useTheme();
  const c = theme.colors;
  const width = 760;
  const height = 260;
  const left = 44;
  const right = 44;
  const bottom = 28;
  // Room above the plot for the legend.
  const top = 34;
  const plotH = height - top - bottom;
  const maxUsed = Math.max(1, ...series.map((d) => d.used));
  const step = (width - left - right) / Math.max(1, series.length);
  const yUsed = (n: number) => top + plotH * (1 - n / maxUsed);
  const yRate = (permille: number) => top + plotH * (1 - permille / 1000);
  const every = Math.max(1, Math.ceil(series.length / 8));
  const line = series
    .map((d, i) => (d.rate_permille == null ? null : `${left + i * step + step / 2},${yRate(d.rate_permille)}`))
    .filter(Boolean)
    .join(' ');
  return (
    <svg width="100%" viewBox={`0 0 ${width} ${height}`} role="img" aria-label="redemption rate over time" style={{ maxWidth: width }}>
      {[0, 250, 500, 750, 1000].map((p) => (
        <g key={p}>
          <line x1={left} x2={width - right} y1={yRate(p)} y2={yRate(p)} stroke={c.neutral150} />
          <text x={width - right + 6} y={yRate(p) + 4} fontSize={11} fill={c.primary600}>{`${p / 10}%`}</text>
        </g>
      ))}
      {[0, maxUsed].map((n) => (
        <text key={n} x={left - 6} y={yUsed(n) + 4} fontSize={11} textAnchor="end" fill={c.success600}>{n}</text>
      ))}
      {series.map((d, i) => (
        <g key={d.date}>
          <rect x={left + i * step + 1} y={yUsed(d.used)} width={Math.max(2, step - 2)} height={Math.max(0, height - bottom - yUsed(d.used))} rx={2} fill={c.success200}>
            <title>{`${d.date} ${labels.used} ${d.used}`}</title>
          </rect>
          {i % every === 0 || i === series.length - 1 ? (
            <text x={left + i * step + step / 2} y={height - 10} fontSize={11} textAnchor="middle" fill={c.neutral600}>{d.date.slice(5)}</text>
          ) : null}
        </g>
      ))}
      <polyline points={line} fill="none" stroke={c.primary600} strokeWidth={2.5} strokeLinejoin="round" />
      <g>
        <rect x={left} y={6} width={10} height={10} fill={c.success200} />
        <text x={left + 14} y={15} fontSize={11} fill={c.neutral700}>{labels.used}</text>
        <line x1={left + 90} x2={left + 104} y1={11} y2={11} stroke={c.primary600} strokeWidth={2.5} />
        <text x={left + 108} y={15} fontSize={11} fill={c.neutral700}>{labels.rate}</text>
      </g>
    </svg>
  );
}
