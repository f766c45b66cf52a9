import { Box, Flex, Grid, Typography } from '@strapi/design-system';
import { Widget } from '@strapi/strapi/admin';
import { bookingApi } from '../api/client';
import { useRequest } from '../utils/useRequest';
import { useT } from '../utils/useT';

/** Homepage widget: today's bookings and who is in the rooms right now. */
const TodayWidget = () => {
  const t = useT();
  const { data, error, loading } = useRequest(() => bookingApi.dashboard(), []);
  if (loading) return <Widget.Loading />;
  if (error || !data) return <Widget.Error />;
  const inUse = data.rooms.reduce((s, r) => s + r.inUse, 0);
  const seats = data.rooms.reduce((s, r) => s + r.seats, 0);
  const tiles = [
    { label: t('today.bookings'), value: data.today.bookings },
    { label: t('today.checkIns'), value: data.today.checkIns },
    { label: t('today.noShows'), value: data.today.noShows },
    { label: t('today.cancellations'), value: data.today.cancellations },
  ];
  return (
    <Flex direction="column" alignItems="stretch" gap={3}>
      <Grid.Root gap={2}>
        {tiles.map((tile) => (
          <Grid.Item key={tile.label} col={6} direction="column" alignItems="stretch">
            <Box padding={3} hasRadius borderColor="neutral150">
              <Typography variant="pi" textColor="neutral600">{tile.label}</Typography>
              <Typography variant="delta" tag="p">{tile.value}</Typography>
            </Box>
          </Grid.Item>
        ))}
      </Grid.Root>
      <Typography variant="pi" textColor="neutral600">{t('widget.inUseNow', { inUse, seats })}</Typography>
    </Flex>
  );
};

export default TodayWidget;
