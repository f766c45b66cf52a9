import * as React from 'react';
import { Box, Button, Flex, SingleSelect, SingleSelectOption, Table, Tbody, Td, TextInput, Th, Thead, Tr, Typography } from '@strapi/design-system';
import { BOOKING_STATUSES, bookingApi } from '../../../api/client';
import { StatusBadge } from '../../../components/StatusBadge';
import { Empty, ErrorState, Loading } from '../../../components/States';
import { dayClockOf, localToday, shiftDate, yuan } from '../../../utils/format';
import { useRequest } from '../../../utils/useRequest';
import { useT } from '../../../utils/useT';
import { BookingDrawer } from './BookingDrawer';

const PAGE_SIZE = 20;
/** A local date's start/end as ISO with the store's offset (China: +08:00). */
const dayStart = (d: string) => `${d}T00:00:00+08:00`;

/** Every booking, filtered by status, member and date range, a page at a time. */
export const ListTab = () => {
  const t = useT();
  const [status, setStatus] = React.useState('');
  const [member, setMember] = React.useState('');
  const [from, setFrom] = React.useState(shiftDate(localToday(), -7));
  const [to, setTo] = React.useState(localToday());
  const [page, setPage] = React.useState(1);
  const [open, setOpen] = React.useState<string | null>(null);
  const list = useRequest(
    () => bookingApi.list({ status: status || undefined, member: /^\d+$/.test(member) ? member : undefined, from: from ? dayStart(from) : undefined, to: to ? dayStart(shiftDate(to, 1)) : undefined, page, pageSize: PAGE_SIZE }),
    [status, member, from, to, page],
  );
  const rows = list.data?.data ?? [];
  const pg = list.data?.meta.pagination;
  const reset = (fn: () => void) => {
    fn();
    setPage(1);
  };
  return (
    <Flex direction="column" alignItems="stretch" gap={4}>
      <Flex gap={2} wrap="wrap">
        <Box style={{ width: 180 }}>
          <SingleSelect aria-label={t('list.status')} placeholder={t('list.allStatuses')} value={status} onClear={() => reset(() => setStatus(''))} onChange={(v: string | number) => reset(() => setStatus(String(v)))}>
            {BOOKING_STATUSES.map((s) => (
              <SingleSelectOption key={s} value={s}>{t(`status.${s}` as any)}</SingleSelectOption>
            ))}
          </SingleSelect>
        </Box>
        <TextInput aria-label={t('list.member')} placeholder={t('list.member')} value={member} onChange={(e: React.ChangeEvent<HTMLInputElement>) => reset(() => setMember(e.target.value))} />
        <TextInput type="date" aria-label={t('list.from')} value={from} onChange={(e: React.ChangeEvent<HTMLInputElement>) => reset(() => setFrom(e.target.value))} />
        <TextInput type="date" aria-label={t('list.to')} value={to} onChange={(e: React.ChangeEvent<HTMLInputElement>) => reset(() => setTo(e.target.value))} />
      </Flex>
      {list.loading && !list.data ? <Loading /> : null}
      {list.error ? <ErrorState error={list.error} onRetry={list.reload} /> : null}
      {list.data && rows.length === 0 ? <Empty text={t('list.empty')} /> : null}
      {rows.length ? (
        <Table colCount={6} rowCount={rows.length + 1}>
          <Thead>
            <Tr>
              <Th><Typography variant="sigma">{t('list.time')}</Typography></Th>
              <Th><Typography variant="sigma">{t('list.seat')}</Typography></Th>
              <Th><Typography variant="sigma">{t('list.member')}</Typography></Th>
              <Th><Typography variant="sigma">{t('list.status')}</Typography></Th>
              <Th><Typography variant="sigma">{t('list.pay')}</Typography></Th>
              <Th><Typography variant="sigma">{t('list.total')}</Typography></Th>
            </Tr>
          </Thead>
          <Tbody>
            {rows.map((b) => (
              <Tr key={b.id} onClick={() => setOpen(b.id)} style={{ cursor: 'pointer' }}>
                <Td><Typography>{`${dayClockOf(b.start)}–${b.end.slice(11, 16)}`}</Typography></Td>
                <Td><Typography>{`${b.room?.name ?? ''} · ${b.seat?.label ?? ''}`}</Typography></Td>
                <Td><Typography>{typeof b.member === 'number' ? `#${b.member}` : b.member ? `${b.member.nickname ?? ''} #${b.member.id}` : ''}</Typography></Td>
                <Td><StatusBadge status={b.status} /></Td>
                <Td><Typography>{b.payWith ? t(`pay.${b.payWith}` as any) : '—'}</Typography></Td>
                <Td><Typography>{yuan(b.total_fen)}</Typography></Td>
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
      {open ? <BookingDrawer bookingId={open} seats={[]} onClose={() => setOpen(null)} onChanged={list.reload} /> : null}
    </Flex>
  );
};
