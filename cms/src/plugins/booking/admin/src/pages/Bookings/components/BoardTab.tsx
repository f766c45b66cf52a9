import * as React from 'react';
import { Box, Button, Flex, IconButton, SingleSelect, SingleSelectOption, TextInput, Typography } from '@strapi/design-system';
import { ChevronLeft, ChevronRight } from '@strapi/icons';
import { bookingApi } from '../../../api/client';
import { Empty, ErrorState, Loading } from '../../../components/States';
import { localToday, shiftDate } from '../../../utils/format';
import { useRequest } from '../../../utils/useRequest';
import { useT } from '../../../utils/useT';
import { useStaffRights } from '../hooks/useStaffRights';
import { BookingDrawer } from './BookingDrawer';
import { ScanCheckin } from './ScanCheckin';
import { Legend, Timeline } from './Timeline';

/** The board of one room and one day. */
export const BoardTab = () => {
  const t = useT();
  const rights = useStaffRights();
  // ?room=&date= open a given board (links from elsewhere, tests); otherwise the first room today.
  const query = new URLSearchParams(window.location.search);
  const [room, setRoom] = React.useState<string | undefined>(query.get('room') ?? undefined);
  const [date, setDate] = React.useState(/^\d{4}-\d{2}-\d{2}$/.test(query.get('date') ?? '') ? query.get('date')! : localToday());
  const [open, setOpen] = React.useState<string | null>(null);
  const board = useRequest(() => bookingApi.board(room, date), [room, date]);
  const data = board.data;
  return (
    <Flex direction="column" alignItems="stretch" gap={4}>
      <Flex justifyContent="space-between" wrap="wrap" gap={3}>
        <Flex gap={2}>
          <Box style={{ width: 220 }}>
            <SingleSelect aria-label={t('board.room')} placeholder={t('board.room')} value={room ?? data?.room?.id ?? ''} onChange={(v: string | number) => setRoom(String(v))}>
              {(data?.rooms ?? []).map((r) => (
                <SingleSelectOption key={r.id} value={r.id}>{r.name}</SingleSelectOption>
              ))}
            </SingleSelect>
          </Box>
          <IconButton label={t('board.prevDay')} onClick={() => setDate(shiftDate(date, -1))}><ChevronLeft /></IconButton>
          <TextInput type="date" aria-label={t('board.date')} value={date} onChange={(e: React.ChangeEvent<HTMLInputElement>) => e.target.value && setDate(e.target.value)} />
          <IconButton label={t('board.nextDay')} onClick={() => setDate(shiftDate(date, 1))}><ChevronRight /></IconButton>
          <Button variant="tertiary" onClick={() => setDate(localToday(data?.timezone))}>{t('board.today')}</Button>
        </Flex>
        {rights.canCheckIn ? <ScanCheckin onDone={board.reload} /> : null}
      </Flex>
      <Legend />
      {board.loading && !data ? <Loading /> : null}
      {board.error ? <ErrorState error={board.error} onRetry={board.reload} /> : null}
      {data && !data.room ? <Empty text={t('state.noRooms')} /> : null}
      {data && data.room ? (
        <>
          <Typography variant="pi" textColor="neutral600">{t('board.summary', { count: data.bookings.length, seats: data.seats.length })}</Typography>
          <Timeline board={data} onOpen={(b) => setOpen(b.id)} />
        </>
      ) : null}
      {open && data ? <BookingDrawer bookingId={open} seats={data.seats} onClose={() => setOpen(null)} onChanged={board.reload} /> : null}
    </Flex>
  );
};
