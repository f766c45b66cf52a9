import { Badge, Box, Flex, Table, Tbody, Td, Th, Thead, Tr, Typography } from '@strapi/design-system';
import { Layouts, Page } from '@strapi/strapi/admin';
import { useNavigate } from 'react-router-dom';
import { roomSetupApi, type RoomSummary } from '../../../api/client';
import { Empty, ErrorState, Loading } from '../../../components/States';
import { yuan } from '../../../utils/format';
import { useRequest } from '../../../utils/useRequest';
import { useT } from '../../../utils/useT';
import { summariseHours } from '../hours';

/** Every room with its state, seats, prices and coming closures; a row opens the room (or its layout). */
export function RoomList({ target }: { target: 'room' | 'layout' }) {
  const t = useT();
  const navigate = useNavigate();
  const { data, error, loading, reload } = useRequest(() => roomSetupApi.list(), []);
  const title = target === 'layout' ? t('layout.title') : t('rooms.title');

  return (
    <Page.Main>
      <Page.Title>{title}</Page.Title>
      <Layouts.Header title={title} subtitle={target === 'layout' ? t('layout.pickRoom') : t('rooms.subtitle')} />
      <Layouts.Content>
        {loading && !data ? (
          <Loading />
        ) : error ? (
          <ErrorState error={error} onRetry={reload} />
        ) : !data || data.length === 0 ? (
          <Empty text={t('state.noRooms')} />
        ) : (
          <Box background="neutral0" hasRadius shadow="tableShadow">
            <Table colCount={6} rowCount={data.length + 1}>
              <Thead>
                <Tr>
                  <Th><Typography variant="sigma">{t('rooms.col.room')}</Typography></Th>
                  <Th><Typography variant="sigma">{t('rooms.col.state')}</Typography></Th>
                  <Th><Typography variant="sigma">{t('rooms.col.seats')}</Typography></Th>
                  <Th><Typography variant="sigma">{t('rooms.col.prices')}</Typography></Th>
                  <Th><Typography variant="sigma">{t('rooms.col.hours')}</Typography></Th>
                  <Th><Typography variant="sigma">{t('rooms.col.closures')}</Typography></Th>
                </Tr>
              </Thead>
              <Tbody>
                {data.map((r) => (
                  <Tr key={r.id} data-room={r.id} onClick={() => navigate(r.id)} style={{ cursor: 'pointer' }}>
                    <Td style={{ minWidth: 300, whiteSpace: 'normal' }}>
                      <Flex gap={3}>
                        {r.photos[0] ? (
                          <img src={r.photos[0].url} alt="" style={{ width: 64, height: 42, objectFit: 'cover', borderRadius: 4 }} />
                        ) : (
                          <Box background="neutral150" style={{ width: 64, height: 42, borderRadius: 4 }} />
                        )}
                        <Flex direction="column" alignItems="flex-start" style={{ whiteSpace: 'normal' }}>
                          <Typography fontWeight="bold" textColor="neutral800">{r.name}</Typography>
                          <Typography variant="pi" textColor="neutral600">{t(`rooms.kind.${r.kind}` as any)}{r.floor ? ` · ${r.floor}` : ''}</Typography>
                        </Flex>
                      </Flex>
                    </Td>
                    <Td><StateBadge room={r} /></Td>
                    <Td><Typography textColor="neutral800">{t('rooms.seatsValue', { enabled: r.enabledSeats, total: r.seatCount })}</Typography></Td>
                    <Td style={{ whiteSpace: 'normal', maxWidth: 260 }}><Typography textColor="neutral800">{r.prices.map((p) => `${t(`layout.tool.${p.seatType}` as any)} ${yuan(p.price_per_hour_fen)}`).join(' / ') || '—'}</Typography></Td>
                    <Td style={{ whiteSpace: 'normal', maxWidth: 220 }}><Typography variant="pi" textColor="neutral700">{summariseHours(r.openingHours, (d) => t(`rooms.weekdayShort.${d}` as any)) || t('rooms.noHours')}</Typography></Td>
                    <Td style={{ whiteSpace: 'normal', minWidth: 170 }}>
                      {r.closures.length ? (
                        <Flex direction="column" alignItems="flex-start">
                          {r.closures.map((c, i) => (
                            <Typography key={i} variant="pi" textColor="warning600">
                              {c.starts_on === c.ends_on ? c.starts_on : `${c.starts_on} ~ ${c.ends_on}`}
                              {c.reason ? ` ${c.reason}` : ''}
                            </Typography>
                          ))}
                        </Flex>
                      ) : (
                        <Typography variant="pi" textColor="neutral500">{t('rooms.noClosures')}</Typography>
                      )}
                    </Td>
                  </Tr>
                ))}
              </Tbody>
            </Table>
          </Box>
        )}
      </Layouts.Content>
    </Page.Main>
  );
}

function StateBadge({ room }: { room: RoomSummary }) {
  const t = useT();
  if (room.state === 'maintenance') return <Badge backgroundColor="danger100" textColor="danger700">{t('rooms.state.maintenance')}</Badge>;
  if (room.closedToday) return <Badge backgroundColor="warning100" textColor="warning700">{t('rooms.closedToday')}</Badge>;
  return <Badge backgroundColor="success100" textColor="success700">{t('rooms.state.open')}</Badge>;
}
