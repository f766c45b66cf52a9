import { Box, Button, Flex, Table, Tbody, Td, Th, Thead, Tr, Typography } from '@strapi/design-system';
import { ArrowLeft, Pencil } from '@strapi/icons';
import { Layouts, Page } from '@strapi/strapi/admin';
import { useNavigate, useParams } from 'react-router-dom';
import { api } from '../../../api/client';
import { Figure, Section } from '../../../components/Section';
import { Empty, Failed, Loading } from '../../../components/States';
import { yuan } from '../../../utils/format';
import { useT } from '../../../utils/useT';
import { useAsync } from '../../Members/hooks/useAsync';
import { permille } from './describe';
import { RedemptionChart } from './RedemptionChart';

/** A template's analytics: issued, used, expired, unused; the redemption curve; discount and revenue. */
export function CouponAnalyticsView() {
  const { id } = useParams();
  const { t, refusal } = useT();
  const navigate = useNavigate();
  const data = useAsync(() => api.coupons.analytics(id!), [id]);
  const a = data.data;

  return (
    <Page.Main>
      <Page.Title>{t('coupons.analyticsTitle')}</Page.Title>
      <Layouts.Header
        navigationAction={<Box><Button variant="tertiary" startIcon={<ArrowLeft />} onClick={() => navigate('../..', { relative: 'path' })}>{t('coupons.back')}</Button></Box>}
        title={a ? t('coupons.analyticsOf', { name: a.template.name }) : t('coupons.analyticsTitle')}
        subtitle={t('coupons.analyticsSubtitle')}
        primaryAction={<Button variant="secondary" startIcon={<Pencil />} onClick={() => navigate('..', { relative: 'path' })}>{t('coupons.open')}</Button>}
      />
      <Layouts.Content>
        {data.loading && !a ? (
          <Loading />
        ) : data.error ? (
          <Failed message={refusal(data.error)} />
        ) : a ? (
          <Flex direction="column" alignItems="stretch" gap={6}>
            <Flex gap={4} wrap="wrap">
              <Figure label={t('coupons.stat.issued')} value={a.counts.issued} />
              <Figure label={t('coupons.stat.used')} value={a.counts.used} tone="success" hint={t('coupons.stat.rate', { rate: permille(a.redemption_permille) })} />
              <Figure label={t('coupons.stat.unused')} value={a.counts.unused} />
              <Figure label={t('coupons.stat.expired')} value={a.counts.expired} tone={a.counts.expired > 0 ? 'danger' : undefined} hint={a.counts.revoked ? t('coupons.stat.revoked', { n: a.counts.revoked }) : undefined} />
            </Flex>
            <Section title={t('coupons.chartTitle')}>
              {a.series.length === 0 ? (
                <Empty text={t('coupons.chartEmpty')} />
              ) : (
                <RedemptionChart series={a.series} labels={{ used: t('coupons.chart.used'), rate: t('coupons.chart.rate') }} />
              )}
            </Section>
            <Section title={t('coupons.moneyTitle')}>
              <Table colCount={4} rowCount={4}>
                <Thead>
                  <Tr>
                    {['coupons.money.col.where', 'coupons.money.col.uses', 'coupons.money.col.discount', 'coupons.money.col.revenue'].map((k) => (
                      <Th key={k}><Typography variant="sigma">{t(k as any)}</Typography></Th>
                    ))}
                  </Tr>
                </Thead>
                <Tbody>
                  <Tr>
                    <Td><Typography>{t('coupons.money.bookings')}</Typography></Td>
                    <Td><Typography>{a.uses.bookings}</Typography></Td>
                    <Td><Typography>{yuan(a.discount_fen.bookings)}</Typography></Td>
                    <Td><Typography>{yuan(a.revenue_fen.bookings)}</Typography></Td>
                  </Tr>
                  <Tr>
                    <Td><Typography>{t('coupons.money.recharges')}</Typography></Td>
                    <Td><Typography>{a.uses.recharges}</Typography></Td>
                    <Td><Typography>{yuan(a.discount_fen.recharges)}</Typography></Td>
                    <Td><Typography>{yuan(a.revenue_fen.recharges)}</Typography></Td>
                  </Tr>
                  <Tr>
                    <Td><Typography fontWeight="bold">{t('coupons.money.total')}</Typography></Td>
                    <Td><Typography fontWeight="bold">{a.uses.bookings + a.uses.recharges}</Typography></Td>
                    <Td><Typography fontWeight="bold">{yuan(a.discount_fen.total)}</Typography></Td>
                    <Td><Typography fontWeight="bold">{yuan(a.revenue_fen.total)}</Typography></Td>
                  </Tr>
                </Tbody>
              </Table>
              <Box paddingTop={3}>
                <Typography variant="pi" textColor="neutral600">{t('coupons.money.note')}</Typography>
              </Box>
            </Section>
          </Flex>
        ) : null}
      </Layouts.Content>
    </Page.Main>
  );
}
