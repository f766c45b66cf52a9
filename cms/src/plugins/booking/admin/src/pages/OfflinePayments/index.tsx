import * as React from 'react';
import { Avatar, Box, Button, Flex, Table, Tabs, Tbody, Td, Th, Thead, Tr, Typography } from '@strapi/design-system';
import { Layouts, Page, useNotification } from '@strapi/strapi/admin';
import { bookingApi, type Booking } from '../../api/client';
import { StatusBadge } from '../../components/StatusBadge';
import { Empty, ErrorState, Loading } from '../../components/States';
import { clockOf, dayClockOf, yuan } from '../../utils/format';
import { PERMISSIONS } from '../../utils/permissions';
import { useRequest } from '../../utils/useRequest';
import { useRefusal, useT } from '../../utils/useT';
import { DecisionDialog } from './components/DecisionDialog';

type Queue = 'pending' | 'confirmed' | 'rejected' | 'expired';

const QueueTable = ({ queue }: { queue: Queue }) => {
  const t = useT();
  const refusal = useRefusal();
  const { toggleNotification } = useNotification();
  const [page, setPage] = React.useState(1);
  const [deciding, setDeciding] = React.useState<{ booking: Booking; mode: 'confirm' | 'reject' } | null>(null);
  const [zoom, setZoom] = React.useState<string | null>(null);
  const list = useRequest(() => bookingApi.offlineQueue(queue, page), [queue, page]);
  const rows = list.data?.data ?? [];
  const pg = list.data?.meta.pagination;

  async function decide(text: string) {
    if (!deciding) return;
    const { booking, mode } = deciding;
    try {
      if (mode === 'confirm') await bookingApi.confirmOffline(booking.id, text || undefined);
      else await bookingApi.rejectOffline(booking.id, text);
      toggleNotification({ type: 'success', message: mode === 'confirm' ? t('offline.confirmed') : t('offline.rejected') });
      setDeciding(null);
      list.reload();
    } catch (e: any) {
      toggleNotification({ type: 'danger', message: refusal(e) });
    }
  }

  if (list.loading && !list.data) return <Loading />;
  if (list.error) return <ErrorState error={list.error} onRetry={list.reload} />;
  if (rows.length === 0) return <Empty text={t(`offline.empty.${queue}` as any)} />;
  return (
    <>
      <Table colCount={7} rowCount={rows.length + 1}>
        <Thead>
          <Tr>
            <Th><Typography variant="sigma">{t('drawer.member')}</Typography></Th>
            <Th><Typography variant="sigma">{t('list.seat')}</Typography></Th>
            <Th><Typography variant="sigma">{t('list.time')}</Typography></Th>
            <Th><Typography variant="sigma">{t('list.total')}</Typography></Th>
            <Th><Typography variant="sigma">{queue === 'pending' ? t('offline.holdUntil') : t('list.status')}</Typography></Th>
            <Th><Typography variant="sigma">{t('offline.proof')}</Typography></Th>
            <Th><Typography variant="sigma">{queue === 'pending' ? t('offline.actions') : t('offline.noteOrReason')}</Typography></Th>
          </Tr>
        </Thead>
        <Tbody>
          {rows.map((b) => {
            const m = typeof b.member === 'object' ? b.member : null;
            return (
              <Tr key={b.id} data-booking={b.id}>
                <Td>
                  <Flex gap={2}>
                    {m?.avatar ? <Avatar.Item src={m.avatar} alt={m.nickname ?? ''} fallback={(m.nickname ?? '?').slice(0, 1)} /> : null}
                    <Typography>{m ? `${m.nickname ?? ''} #${m.id}` : ''}</Typography>
                  </Flex>
                </Td>
                <Td><Typography>{`${b.room?.name ?? ''} · ${b.seat?.label ?? ''}`}</Typography></Td>
                <Td><Typography>{`${dayClockOf(b.start)}–${b.end.slice(11, 16)}`}</Typography></Td>
                <Td><Typography fontWeight="bold">{yuan(b.total_fen)}</Typography></Td>
                <Td>{queue === 'pending' ? <Typography textColor="warning700">{clockOf(b.holdExpiresAt)}</Typography> : <StatusBadge status={b.status} />}</Td>
                <Td>
                  {b.offlineProof ? (
                    <button type="button" onClick={() => setZoom(b.offlineProof!.url)} style={{ border: 'none', padding: 0, background: 'none', cursor: 'zoom-in' }}>
                      <img src={b.offlineProof.url} alt={t('offline.proof')} style={{ height: 72, maxWidth: 110, objectFit: 'cover', borderRadius: 4 }} />
                    </button>
                  ) : (
                    <Typography variant="pi" textColor="neutral500">{t('offline.noProof')}</Typography>
                  )}
                </Td>
                <Td>
                  {queue === 'pending' ? (
                    <Flex gap={2}>
                      <Button size="S" variant="success" onClick={() => setDeciding({ booking: b, mode: 'confirm' })}>{t('offline.confirm')}</Button>
                      <Button size="S" variant="danger-light" onClick={() => setDeciding({ booking: b, mode: 'reject' })}>{t('offline.reject')}</Button>
                    </Flex>
                  ) : (
                    <Typography variant="pi">{b.note ?? b.cancelReason ?? ''}</Typography>
                  )}
                </Td>
              </Tr>
            );
          })}
        </Tbody>
      </Table>
      {pg && pg.pageCount > 1 ? (
        <Flex justifyContent="flex-end" gap={2} paddingTop={3}>
          <Button variant="tertiary" disabled={page <= 1} onClick={() => setPage(page - 1)}>{t('list.prev')}</Button>
          <Button variant="tertiary" disabled={page >= pg.pageCount} onClick={() => setPage(page + 1)}>{t('list.next')}</Button>
        </Flex>
      ) : null}
      {deciding ? <DecisionDialog booking={deciding.booking} mode={deciding.mode} onCancel={() => setDeciding(null)} onSubmit={decide} /> : null}
      {zoom ? (
        <Box position="fixed" top={0} left={0} right={0} bottom={0} background="neutral1000" style={{ zIndex: 10, opacity: 0.95, display: 'flex', alignItems: 'center', justifyContent: 'center', cursor: 'zoom-out' }} onClick={() => setZoom(null)}>
          <img src={zoom} alt={t('offline.proof')} style={{ maxWidth: '90vw', maxHeight: '90vh' }} />
        </Box>
      ) : null}
    </>
  );
};

const OfflinePaymentsPage = () => {
  const t = useT();
  return (
    <Page.Main>
      <Page.Title>{t('offline.title')}</Page.Title>
      <Layouts.Header title={t('offline.title')} subtitle={t('offline.subtitle')} />
      <Layouts.Content>
        <Tabs.Root defaultValue="pending">
          <Tabs.List aria-label={t('offline.title')}>
            {(['pending', 'confirmed', 'rejected', 'expired'] as Queue[]).map((q) => (
              <Tabs.Trigger key={q} value={q}>{t(`offline.tab.${q}` as any)}</Tabs.Trigger>
            ))}
          </Tabs.List>
          {(['pending', 'confirmed', 'rejected', 'expired'] as Queue[]).map((q) => (
            <Tabs.Content key={q} value={q}>
              <Box paddingTop={4}><QueueTable queue={q} /></Box>
            </Tabs.Content>
          ))}
        </Tabs.Root>
      </Layouts.Content>
    </Page.Main>
  );
};

const ProtectedOfflinePaymentsPage = () => (
  <Page.Protect permissions={PERMISSIONS.verifyOffline}>
    <OfflinePaymentsPage />
  </Page.Protect>
);

export default ProtectedOfflinePaymentsPage;
