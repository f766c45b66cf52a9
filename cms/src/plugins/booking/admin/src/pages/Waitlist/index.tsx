import * as React from 'react';
import { Avatar, Box, Button, Flex, SingleSelect, SingleSelectOption, Table, Tbody, Td, TextInput, Th, Thead, Tr, Typography } from '@strapi/design-system';
import { Layouts, Page, useNotification, useRBAC } from '@strapi/strapi/admin';
import { roomSetupApi, waitlistApi, WAITLIST_STATUSES, type WaitlistEntry, type WaitlistStatus } from '../../api/client';
import { WaitlistStatusBadge } from '../../components/StatusBadge';
import { Empty, ErrorState, Loading } from '../../components/States';
import { clockOf, dayClockOf } from '../../utils/format';
import { PERMISSIONS } from '../../utils/permissions';
import { useRequest } from '../../utils/useRequest';
import { useRefusal, useT } from '../../utils/useT';
import { RemoveDialog } from './components/RemoveDialog';

const PAGE_SIZE = 20;

/** 候补 Waiting list: every line by room, store day and status; the desk takes a waiting entry out with a reason. */
const WaitlistPage = () => {
  const t = useT();
  const refusal = useRefusal();
  const { toggleNotification } = useNotification();
  const { allowedActions } = useRBAC(PERMISSIONS.manageBookings);
  const canManage = !!allowedActions.canManage;
  const [room, setRoom] = React.useState('');
  const [date, setDate] = React.useState('');
  const [status, setStatus] = React.useState<WaitlistStatus | ''>('');
  const [page, setPage] = React.useState(1);
  const [removing, setRemoving] = React.useState<WaitlistEntry | null>(null);
  // The room names for the filter; without the rooms permission the filter is simply empty.
  const rooms = useRequest(() => roomSetupApi.list().catch(() => []), []);
  const list = useRequest(() => waitlistApi.list({ room: room || undefined, date: date || undefined, status: status || undefined, page, pageSize: PAGE_SIZE }), [room, date, status, page]);
  const rows = list.data?.data ?? [];
  const pg = list.data?.meta.pagination;
  const reset = (fn: () => void) => {
    fn();
    setPage(1);
  };

  async function remove(reason: string) {
    if (!removing) return;
    try {
      await waitlistApi.remove(removing.id, reason);
      toggleNotification({ type: 'success', message: t('waitlist.removed') });
      setRemoving(null);
      list.reload();
    } catch (e: any) {
      toggleNotification({ type: 'danger', message: refusal(e) });
      setRemoving(null);
      list.reload();
    }
  }

  return (
    <Page.Main>
      <Page.Title>{t('waitlist.title')}</Page.Title>
      <Layouts.Header title={t('waitlist.title')} subtitle={t('waitlist.subtitle')} secondaryAction={<Button variant="tertiary" onClick={list.reload}>{t('action.refresh')}</Button>} />
      <Layouts.Content>
        <Flex direction="column" alignItems="stretch" gap={4}>
          <Flex gap={2} wrap="wrap">
            <Box style={{ width: 240 }}>
              <SingleSelect aria-label={t('waitlist.room')} placeholder={t('waitlist.allRooms')} value={room} onClear={() => reset(() => setRoom(''))} onChange={(v: string | number) => reset(() => setRoom(String(v)))}>
                {(rooms.data ?? []).map((r) => (
                  <SingleSelectOption key={r.id} value={r.id}>{r.name}</SingleSelectOption>
                ))}
              </SingleSelect>
            </Box>
            <TextInput type="date" aria-label={t('waitlist.day')} value={date} onChange={(e: React.ChangeEvent<HTMLInputElement>) => reset(() => setDate(e.target.value))} />
            <Box style={{ width: 180 }}>
              <SingleSelect aria-label={t('list.status')} placeholder={t('list.allStatuses')} value={status} onClear={() => reset(() => setStatus(''))} onChange={(v: string | number) => reset(() => setStatus(String(v) as WaitlistStatus))}>
                {WAITLIST_STATUSES.map((s) => (
                  <SingleSelectOption key={s} value={s}>{t(`waitlist.status.${s}` as any)}</SingleSelectOption>
                ))}
              </SingleSelect>
            </Box>
          </Flex>
          {list.loading && !list.data ? <Loading /> : null}
          {list.error ? <ErrorState error={list.error} onRetry={list.reload} /> : null}
          {list.data && rows.length === 0 ? <Empty text={t('waitlist.empty')} /> : null}
          {rows.length ? (
            <Table colCount={8} rowCount={rows.length + 1}>
              <Thead>
                <Tr>
                  <Th><Typography variant="sigma">{t('drawer.member')}</Typography></Th>
                  <Th><Typography variant="sigma">{t('list.seat')}</Typography></Th>
                  <Th><Typography variant="sigma">{t('list.time')}</Typography></Th>
                  <Th><Typography variant="sigma">{t('waitlist.joinedAt')}</Typography></Th>
                  <Th><Typography variant="sigma">{t('waitlist.position')}</Typography></Th>
                  <Th><Typography variant="sigma">{t('list.status')}</Typography></Th>
                  <Th><Typography variant="sigma">{t('waitlist.offerOrReason')}</Typography></Th>
                  <Th><Typography variant="sigma">{t('offline.actions')}</Typography></Th>
                </Tr>
              </Thead>
              <Tbody>
                {rows.map((e) => (
                  <Tr key={e.id} data-entry={e.id} data-status={e.status}>
                    <Td>
                      <Flex gap={2}>
                        {e.member.avatar ? <Avatar.Item src={e.member.avatar} alt={e.member.nickname ?? ''} fallback={(e.member.nickname ?? '?').slice(0, 1)} /> : null}
                        <Typography>{`${e.member.nickname ?? ''} #${e.member.id}`}</Typography>
                      </Flex>
                    </Td>
                    <Td><Typography>{`${e.room?.name ?? ''} · ${e.seat?.label ?? t('waitlist.anySeat')}`}</Typography></Td>
                    <Td><Typography>{`${dayClockOf(e.start)}–${clockOf(e.end)}`}</Typography></Td>
                    <Td><Typography textColor="neutral600">{dayClockOf(e.joinedAt)}</Typography></Td>
                    <Td><Typography fontWeight="bold">{e.position !== null ? t('waitlist.positionValue', { position: e.position }) : '—'}</Typography></Td>
                    <Td><WaitlistStatusBadge status={e.status} /></Td>
                    <Td>
                      {e.offer ? (
                        <Flex direction="column" alignItems="flex-start">
                          <Typography variant="pi">{t('waitlist.offerLine', { seat: e.offer.seat.label ?? '', until: clockOf(e.offer.expiresAt) })}</Typography>
                          <Typography variant="pi" textColor="neutral500">{t('waitlist.offerBooking', { id: e.offer.booking })}</Typography>
                        </Flex>
                      ) : e.removal ? (
                        <Typography variant="pi">{e.removal.reason ?? ''}</Typography>
                      ) : (
                        <Typography variant="pi" textColor="neutral500">—</Typography>
                      )}
                    </Td>
                    <Td>
                      {e.status === 'waiting' && canManage ? (
                        <Button size="S" variant="danger-light" onClick={() => setRemoving(e)}>{t('waitlist.remove')}</Button>
                      ) : null}
                    </Td>
                  </Tr>
                ))}
              </Tbody>
            </Table>
          ) : null}
          {pg && pg.pageCount > 1 ? (
            <Flex justifyContent="flex-end" gap={2}>
              <Typography variant="pi" textColor="neutral600">{t('list.page', { page: pg.page, pageCount: pg.pageCount, total: pg.total })}</Typography>
              <Button variant="tertiary" disabled={page <= 1} onClick={() => setPage(page - 1)}>{t('list.prev')}</Button>
              <Button variant="tertiary" disabled={page >= pg.pageCount} onClick={() => setPage(page + 1)}>{t('list.next')}</Button>
            </Flex>
          ) : null}
        </Flex>
        {removing ? <RemoveDialog entry={removing} onCancel={() => setRemoving(null)} onSubmit={remove} /> : null}
      </Layouts.Content>
    </Page.Main>
  );
};

const ProtectedWaitlistPage = () => (
  <Page.Protect permissions={PERMISSIONS.readBookings}>
    <WaitlistPage />
  </Page.Protect>
);

export default ProtectedWaitlistPage;
