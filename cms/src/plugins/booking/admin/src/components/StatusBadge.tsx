import { Badge } from '@strapi/design-system';
import type { BookingStatus, WaitlistStatus } from '../api/client';
import { useT } from '../utils/useT';

/** One colour per booking status, shared by the board, the list and the drawer. */
export const STATUS_COLORS: Record<BookingStatus, { bg: string; text: string; bar: string }> = {
  pending_payment: { bg: 'warning100', text: 'warning700', bar: 'warning500' },
  confirmed: { bg: 'primary100', text: 'primary700', bar: 'primary600' },
  checked_in: { bg: 'success100', text: 'success700', bar: 'success500' },
  completed: { bg: 'neutral150', text: 'neutral700', bar: 'neutral500' },
  cancelled: { bg: 'neutral100', text: 'neutral500', bar: 'neutral300' },
  expired: { bg: 'neutral100', text: 'neutral500', bar: 'neutral200' },
  no_show: { bg: 'danger100', text: 'danger700', bar: 'danger500' },
};

export const StatusBadge = ({ status }: { status: BookingStatus }) => {
  const t = useT();
  const c = STATUS_COLORS[status];
  return (
    <Badge backgroundColor={c.bg} textColor={c.text}>
      {t(`status.${status}` as any)}
    </Badge>
  );
};

/** The waiting list's statuses in the same palette: in line (primary), offered (a hold, like awaiting payment), done or out (grey). */
const WAITLIST_COLORS: Record<WaitlistStatus, { bg: string; text: string }> = {
  waiting: STATUS_COLORS.confirmed,
  offered: STATUS_COLORS.pending_payment,
  accepted: STATUS_COLORS.checked_in,
  lapsed: STATUS_COLORS.expired,
  left: STATUS_COLORS.cancelled,
  removed: STATUS_COLORS.no_show,
};

export const WaitlistStatusBadge = ({ status }: { status: WaitlistStatus }) => {
  const t = useT();
  const c = WAITLIST_COLORS[status];
  return (
    <Badge backgroundColor={c.bg} textColor={c.text}>
      {t(`waitlist.status.${status}` as any)}
    </Badge>
  );
};
