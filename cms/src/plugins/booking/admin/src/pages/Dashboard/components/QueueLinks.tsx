import { Badge, Box, Flex, Grid, Link, Typography } from '@strapi/design-system';
import { NavLink } from 'react-router-dom';
import type { DashboardOverview } from '../../../api/client';
import { useT } from '../../../utils/useT';

/** What waits for staff, each count linking to its queue page. */
export const QueueLinks = ({ queues }: { queues: DashboardOverview['queues'] }) => {
  const t = useT();
  const items = [
    { key: 'queues.refunds', count: queues.refundRequests, to: '/plugins/payments/refunds' },
    { key: 'queues.appeals', count: queues.appeals, to: '/plugins/payments/appeals' },
    { key: 'queues.offline', count: queues.offlinePayments, to: '/plugins/booking/offline-payments' },
  ];
  return (
    <Grid.Root gap={4}>
      {items.map((item) => (
        <Grid.Item key={item.key} col={4} s={12} direction="column" alignItems="stretch">
          <Box padding={4} background="neutral0" hasRadius borderColor="neutral150">
            <Flex justifyContent="space-between" alignItems="center">
              <Flex direction="column" alignItems="flex-start" gap={1}>
                <Typography variant="sigma" textColor="neutral600">{t(item.key as any)}</Typography>
                <Link tag={NavLink} to={item.to}>{t('queues.open')}</Link>
              </Flex>
              <Badge size="M" backgroundColor={item.count > 0 ? 'warning100' : 'neutral100'} textColor={item.count > 0 ? 'warning700' : 'neutral600'}>
                {item.count}
              </Badge>
            </Flex>
          </Box>
        </Grid.Item>
      ))}
    </Grid.Root>
  );
};
