import { Box, Flex, Table, Tbody, Td, Th, Thead, Tr, Typography } from '@strapi/design-system';
import { useTheme } from 'styled-components';
import type { DashboardOverview } from '../../../api/client';
import { useT } from '../../../utils/useT';

/** Right now, per room: seats in use, held and free, with a stacked bar. */
export const RoomsNow = ({ rooms }: { rooms: DashboardOverview['rooms'] }) => {
  const t = useT();
  const theme: any = useTheme();
  return (
    <Table colCount={5} rowCount={rooms.length + 1}>
      <Thead>
        <Tr>
          <Th><Typography variant="sigma">{t('dashboard.room')}</Typography></Th>
          <Th><Typography variant="sigma">{t('dashboard.inUse')}</Typography></Th>
          <Th><Typography variant="sigma">{t('dashboard.held')}</Typography></Th>
          <Th><Typography variant="sigma">{t('dashboard.free')}</Typography></Th>
          <Th><Typography variant="sigma">{t('dashboard.seats')}</Typography></Th>
        </Tr>
      </Thead>
      <Tbody>
        {rooms.map((r) => (
          <Tr key={r.id}>
            <Td>
              <Flex direction="column" alignItems="flex-start" gap={1}>
                <Typography fontWeight="bold">{r.name}</Typography>
                <Box style={{ width: 180, height: 8, display: 'flex', borderRadius: 4, overflow: 'hidden', background: theme.colors.neutral150 }}>
                  <span style={{ width: `${(r.inUse / Math.max(1, r.seats)) * 100}%`, background: theme.colors.success500 }} />
                  <span style={{ width: `${(r.held / Math.max(1, r.seats)) * 100}%`, background: theme.colors.primary500 }} />
                </Box>
              </Flex>
            </Td>
            <Td><Typography textColor="success700" fontWeight="bold">{r.inUse}</Typography></Td>
            <Td><Typography textColor="primary700" fontWeight="bold">{r.held}</Typography></Td>
            <Td><Typography>{r.free}</Typography></Td>
            <Td><Typography textColor="neutral600">{r.state === 'open' ? r.seats : `${r.seats} · ${t('dashboard.maintenance')}`}</Typography></Td>
          </Tr>
        ))}
      </Tbody>
    </Table>
  );
};
