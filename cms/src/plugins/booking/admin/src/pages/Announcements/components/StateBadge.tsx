import { Badge } from '@strapi/design-system';
import type { AnnouncementState } from '../../../api/client';
import { useT } from '../../../utils/useT';

const COLORS: Record<AnnouncementState, { bg: string; fg: string }> = {
  draft: { bg: 'neutral150', fg: 'neutral700' },
  scheduled: { bg: 'primary100', fg: 'primary700' },
  live: { bg: 'success100', fg: 'success700' },
  expired: { bg: 'warning100', fg: 'warning700' },
};

export const StateBadge = ({ state }: { state: AnnouncementState }) => {
  const t = useT();
  return (
    <Badge backgroundColor={COLORS[state].bg} textColor={COLORS[state].fg} data-state={state}>
      {t(`ann.state.${state}` as any)}
    </Badge>
  );
};
