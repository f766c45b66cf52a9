import { Box, Button, Flex, Grid, Typography } from '@strapi/design-system';
import { ArrowClockwise } from '@strapi/icons';
import { Layouts, Page } from '@strapi/strapi/admin';
import { HeatStrip } from '../../components/HeatStrip';
import { RevenueChart } from '../../components/RevenueChart';
import { StatTile } from '../../components/StatTile';
import { ErrorState, Loading } from '../../components/States';
import { yuan } from '../../utils/format';
import { PERMISSIONS } from '../../utils/permissions';
import { useT } from '../../utils/useT';
import { MoneyTable } from './components/MoneyTable';
import { QueueLinks } from './components/QueueLinks';
import { RoomsNow } from './components/RoomsNow';
import { useDashboard, useDashboardCharts } from './hooks/useDashboard';

const Section = ({ title, children, aside }: { title: string; children: React.ReactNode; aside?: React.ReactNode }) => (
  <Box background="neutral0" hasRadius shadow="tableShadow" padding={6}>
    <Flex justifyContent="space-between" alignItems="baseline" paddingBottom={4}>
      <Typography variant="delta" tag="h2">
        {title}
      </Typography>
      {aside}
    </Flex>
    {children}
  </Box>
);

const DashboardPage = () => {
  const t = useT();
  const overview = useDashboard();
  const charts = useDashboardCharts();
  const reload = () => {
    overview.reload();
    charts.reload();
  };
  const d = overview.data;
  return (
    <Page.Main>
      <Page.Title>{t('dashboard.title')}</Page.Title>
      <Layouts.Header
        title={t('dashboard.title')}
        subtitle={d ? t('dashboard.subtitle', { time: new Date(d.generatedAt).toLocaleTimeString('zh-CN', { timeZone: d.timezone, hour: '2-digit', minute: '2-digit', hour12: false }), tz: d.timezone }) : undefined}
        primaryAction={
          <Button variant="secondary" startIcon={<ArrowClockwise />} onClick={reload}>
            {t('action.refresh')}
          </Button>
        }
      />
      <Layouts.Content>
        {overview.loading && !d ? <Loading /> : null}
        {overview.error ? <ErrorState error={overview.error} onRetry={overview.reload} /> : null}
        {d ? (
          <Flex direction="column" alignItems="stretch" gap={6}>
            <Grid.Root gap={4}>
              <Grid.Item col={3} s={6} direction="column" alignItems="stretch"><StatTile label={t('today.bookings')} value={d.today.bookings} /></Grid.Item>
              <Grid.Item col={3} s={6} direction="column" alignItems="stretch"><StatTile label={t('today.checkIns')} value={d.today.checkIns} tone="success700" /></Grid.Item>
              <Grid.Item col={3} s={6} direction="column" alignItems="stretch"><StatTile label={t('today.noShows')} value={d.today.noShows} tone="danger700" /></Grid.Item>
              <Grid.Item col={3} s={6} direction="column" alignItems="stretch"><StatTile label={t('today.cancellations')} value={d.today.cancellations} /></Grid.Item>
            </Grid.Root>
            <QueueLinks queues={d.queues} />
            <Grid.Root gap={6}>
              <Grid.Item col={6} s={12} direction="column" alignItems="stretch">
                <Section title={t('dashboard.now')}>
                  <RoomsNow rooms={d.rooms} />
                </Section>
              </Grid.Item>
              <Grid.Item col={6} s={12} direction="column" alignItems="stretch">
                <Section title={t('dashboard.money')} aside={<Typography variant="pi" textColor="neutral600">{t('money.owed')}: <b>{yuan(d.owed.balanceFen)}</b></Typography>}>
                  <MoneyTable money={d.money} />
                </Section>
              </Grid.Item>
            </Grid.Root>
          </Flex>
        ) : null}
        <Box paddingTop={6}>
          <Grid.Root gap={6}>
            <Grid.Item col={6} s={12} direction="column" alignItems="stretch">
              <Section title={t('charts.occupancy', { days: charts.data?.occupancy.days ?? 7 })}>
                {charts.error ? <ErrorState error={charts.error} onRetry={charts.reload} /> : charts.data ? <HeatStrip rooms={charts.data.occupancy.rooms} emptyLabel={t('state.noRooms')} legend={(max) => t('charts.occupancyLegend', { max })} /> : <Loading />}
              </Section>
            </Grid.Item>
            <Grid.Item col={6} s={12} direction="column" alignItems="stretch">
              <Section title={t('charts.revenue')}>
                {charts.error ? <ErrorState error={charts.error} onRetry={charts.reload} /> : charts.data ? <RevenueChart days={charts.data.revenue} /> : <Loading />}
              </Section>
            </Grid.Item>
          </Grid.Root>
        </Box>
      </Layouts.Content>
    </Page.Main>
  );
};

const ProtectedDashboardPage = () => (
  <Page.Protect permissions={PERMISSIONS.dashboard}>
    <DashboardPage />
  </Page.Protect>
);

export default ProtectedDashboardPage;
