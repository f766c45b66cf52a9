import { Box, Flex, Typography } from '@strapi/design-system';
import { Widget } from '@strapi/strapi/admin';
import { bookingApi } from '../api/client';
import { yuan } from '../utils/format';
import { useRequest } from '../utils/useRequest';
import { useT } from '../utils/useT';

/** Homepage widget: money in today and over 7 days, what the wallets owe, and the queues waiting. */
const MoneyWidget = () => {
  const t = useT();
  const { data, error, loading } = useRequest(() => bookingApi.dashboard(), []);
  if (loading) return <Widget.Loading />;
  if (error || !data) return <Widget.Error />;
  const rows = [
    { label: t('money.inToday'), value: yuan(data.money.today.in.totalFen), tone: 'success700' },
    { label: t('money.in7'), value: yuan(data.money.last7Days.in.totalFen), tone: 'neutral800' },
    { label: t('money.refundsToday'), value: yuan(data.money.today.out.refundsFen), tone: 'danger700' },
    { label: t('money.owed'), value: yuan(data.owed.balanceFen), tone: 'neutral800' },
  ];
  return (
    <Flex direction="column" alignItems="stretch" gap={2}>
      {rows.map((r) => (
        <Flex key={r.label} justifyContent="space-between">
          <Typography textColor="neutral600">{r.label}</Typography>
          <Typography fontWeight="bold" textColor={r.tone}>{r.value}</Typography>
        </Flex>
      ))}
      <Box paddingTop={2}>
        <Typography variant="pi" textColor="neutral600">
          {t('widget.queues', { refunds: data.queues.refundRequests, appeals: data.queues.appeals, offline: data.queues.offlinePayments })}
        </Typography>
      </Box>
    </Flex>
  );
};

export default MoneyWidget;
