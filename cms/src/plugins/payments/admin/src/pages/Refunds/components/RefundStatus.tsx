import { Badge } from '@strapi/design-system';
import { useT } from '../../../utils/useT';

const TONES: Record<string, [string, string]> = {
  pending: ['warning100', 'warning700'],
  refunding: ['primary100', 'primary700'],
  completed: ['success100', 'success700'],
  partially_refunded: ['alternative100', 'alternative700'],
  failed: ['danger100', 'danger700'],
  rejected: ['neutral150', 'neutral700'],
  // WeChat refund states
  submitting: ['warning100', 'warning700'],
  processing: ['primary100', 'primary700'],
  success: ['success100', 'success700'],
  closed: ['danger100', 'danger700'],
  abnormal: ['danger100', 'danger700'],
};

export function RefundStatusBadge({ status, wechat }: { status: string; wechat?: boolean }) {
  const { t } = useT();
  const [bg, fg] = TONES[status] ?? ['neutral150', 'neutral700'];
  const key = `${wechat ? 'refund.wechat' : 'refund.status'}.${status}`;
  return <Badge backgroundColor={bg} textColor={fg}>{t(key as any)}</Badge>;
}
