import { Box } from '@strapi/design-system';

/**
 * A full-width progress bar. The design system's ProgressBar is a small bar for dark backgrounds
 * (uploads) and does not expose its value; this one fills the card and announces the percentage.
 */
export function ProgressMeter({ percent, label }: { percent: number; label: string }) {
  const value = Math.max(0, Math.min(100, Math.round(percent)));
  return (
    <Box
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={value}
      data-testid="batch-progress"
      background="neutral150"
      hasRadius
      style={{ height: 12, overflow: 'hidden', width: '100%' }}
    >
      <Box background={value === 100 ? 'success500' : 'primary600'} hasRadius style={{ height: '100%', width: `${value}%`, transition: 'width 400ms ease' }} />
    </Box>
  );
}
