import { Table, Tbody, Td, Th, Thead, Tr, Typography } from '@strapi/design-system';
import type { MoneyFigures } from '../../../api/client';
import { yuan } from '../../../utils/format';
import { useT } from '../../../utils/useT';

/** Money in, out and consumption for today, 7 and 30 days (the definitions are the payments plugin's). */
export const MoneyTable = ({ money }: { money: { today: MoneyFigures; last7Days: MoneyFigures; last30Days: MoneyFigures } }) => {
  const t = useT();
  const cols = [money.today, money.last7Days, money.last30Days];
  const rows: { key: string; pick: (m: MoneyFigures) => number; strong?: boolean; tone?: string }[] = [
    { key: 'money.inTotal', pick: (m) => m.in.totalFen, strong: true, tone: 'success700' },
    { key: 'money.recharges', pick: (m) => m.in.rechargesFen },
    { key: 'money.wechatBookings', pick: (m) => m.in.wechatBookingsFen },
    { key: 'money.wechatMemberships', pick: (m) => m.in.wechatMembershipsFen },
    { key: 'money.offlineReceipts', pick: (m) => m.in.offlineReceiptsFen },
    { key: 'money.refunds', pick: (m) => m.out.refundsFen, strong: true, tone: 'danger700' },
    { key: 'money.consumption', pick: (m) => m.consumption.totalFen, strong: true },
    { key: 'money.walletBookings', pick: (m) => m.consumption.bookingsFen },
    { key: 'money.walletMemberships', pick: (m) => m.consumption.membershipsFen },
  ];
  return (
    <Table colCount={4} rowCount={rows.length + 1}>
      <Thead>
        <Tr>
          <Th><Typography variant="sigma">{t('money.item')}</Typography></Th>
          <Th><Typography variant="sigma">{t('money.today')}</Typography></Th>
          <Th><Typography variant="sigma">{t('money.last7')}</Typography></Th>
          <Th><Typography variant="sigma">{t('money.last30')}</Typography></Th>
        </Tr>
      </Thead>
      <Tbody>
        {rows.map((r) => (
          <Tr key={r.key}>
            <Td>
              <Typography fontWeight={r.strong ? 'bold' : 'regular'} textColor={r.strong ? 'neutral800' : 'neutral600'} style={{ paddingLeft: r.strong ? 0 : 16 }}>
                {t(r.key as any)}
              </Typography>
            </Td>
            {cols.map((m, i) => (
              <Td key={i}>
                <Typography fontWeight={r.strong ? 'bold' : 'regular'} textColor={r.tone ?? 'neutral800'}>
                  {yuan(r.pick(m))}
                </Typography>
              </Td>
            ))}
          </Tr>
        ))}
      </Tbody>
    </Table>
  );
};
