import { useState } from 'react';
import { Badge, Table, Tbody, Td, Th, Thead, Tr, Typography } from '@strapi/design-system';
import { api, type Appeal } from '../../../api/client';
import { Pager } from '../../../components/Pager';
import { Empty, Failed, Loading } from '../../../components/States';
import { dateTime, signedYuan, yuan } from '../../../utils/format';
import { useT } from '../../../utils/useT';
import { useAsync } from '../hooks/useAsync';

function Head({ cols }: { cols: string[] }) {
  return (
    <Thead>
      <Tr>
        {cols.map((c) => (
          <Th key={c}><Typography variant="sigma">{c}</Typography></Th>
        ))}
      </Tr>
    </Thead>
  );
}

function Paged<T>({ load, empty, render }: { load: (page: number) => Promise<{ data: T[]; meta: { pagination: any } }>; empty: string; render: (rows: T[]) => JSX.Element }) {
  const { t, refusal } = useT();
  const [page, setPage] = useState(1);
  const { data, error, loading } = useAsync(() => load(page), [page]);
  if (loading && !data) return <Loading />;
  if (error) return <Failed message={refusal(error)} />;
  if (!data || data.data.length === 0) return <Empty text={empty} />;
  return (
    <>
      {render(data.data)}
      <Pager {...data.meta.pagination} onPage={setPage} />
    </>
  );
}

export const LEDGER_TYPES = ['recharge', 'recharge_bonus', 'booking_payment', 'booking_refund', 'membership_purchase', 'refund_withdrawal', 'refund_reversal', 'staff_adjustment'];

export function LedgerTab({ memberId, version }: { memberId: number; version: number }) {
  const { t, locale } = useT();
  return (
    <Paged
      key={version}
      load={(page) => api.wallets.ledger(memberId, { page, pageSize: 10 })}
      empty={t('ledger.empty')}
      render={(rows) => (
        <Table colCount={5} rowCount={rows.length + 1}>
          <Head cols={[t('ledger.col.time'), t('ledger.col.type'), t('ledger.col.amount'), t('ledger.col.balance'), t('ledger.col.note')]} />
          <Tbody>
            {rows.map((e) => (
              <Tr key={e.id}>
                <Td><Typography>{dateTime(e.createdAt, locale)}</Typography></Td>
                <Td><Typography>{LEDGER_TYPES.includes(e.type) ? t(`ledger.type.${e.type}` as any) : e.type}</Typography></Td>
                <Td>
                  <Typography fontWeight="bold" textColor={e.amount_fen >= 0 ? 'success600' : 'danger600'}>
                    {signedYuan(e.amount_fen)}
                    {e.bonus_amount_fen ? ` (${t('ledger.bonus', { amount: yuan(Math.abs(e.bonus_amount_fen)) })})` : ''}
                  </Typography>
                </Td>
                <Td><Typography>{yuan(e.balance_after_fen)}{e.bonus_after_fen ? ` + ${yuan(e.bonus_after_fen)}` : ''}</Typography></Td>
                <Td><Typography variant="pi" textColor="neutral600">{e.note ?? '—'}</Typography></Td>
              </Tr>
            ))}
          </Tbody>
        </Table>
      )}
    />
  );
}

export const BOOKING_STATUSES = ['pending_payment', 'confirmed', 'checked_in', 'completed', 'cancelled', 'expired', 'no_show'];

export function BookingStatusBadge({ status }: { status: string }) {
  const { t } = useT();
  const tone: Record<string, [string, string]> = {
    confirmed: ['primary100', 'primary700'],
    checked_in: ['success100', 'success700'],
    completed: ['neutral150', 'neutral700'],
    no_show: ['danger100', 'danger700'],
    cancelled: ['neutral150', 'neutral600'],
    expired: ['neutral150', 'neutral600'],
    pending_payment: ['warning100', 'warning700'],
  };
  const [bg, fg] = tone[status] ?? ['neutral150', 'neutral700'];
  return <Badge backgroundColor={bg} textColor={fg}>{BOOKING_STATUSES.includes(status) ? t(`booking.status.${status}` as any) : status}</Badge>;
}

export function BookingsTab({ memberId }: { memberId: number }) {
  const { t, locale } = useT();
  return (
    <Paged
      load={(page) => api.members.bookings(memberId, { page, pageSize: 10 })}
      empty={t('bookings.empty')}
      render={(rows) => (
        <Table colCount={5} rowCount={rows.length + 1}>
          <Head cols={[t('bookings.col.time'), t('bookings.col.seat'), t('bookings.col.status'), t('bookings.col.paid'), t('bookings.col.payWith')]} />
          <Tbody>
            {rows.map((b) => (
              <Tr key={b.id}>
                <Td><Typography>{dateTime(b.start, locale)} – {dateTime(b.end, locale).slice(-5)}</Typography></Td>
                <Td><Typography>{b.room?.name ?? '—'} · {b.seat?.label ?? '—'}</Typography></Td>
                <Td><BookingStatusBadge status={b.status} /></Td>
                <Td><Typography>{yuan(b.total_fen)}{b.refund_fen ? ` (${t('bookings.refunded')} ${yuan(b.refund_fen)})` : ''}</Typography></Td>
                <Td><Typography>{b.payWith ? t(`payWith.${b.payWith}` as any) : '—'}</Typography></Td>
              </Tr>
            ))}
          </Tbody>
        </Table>
      )}
    />
  );
}

export function ViolationsTab({ memberId }: { memberId: number }) {
  const { t, locale } = useT();
  return (
    <Paged
      load={(page) => api.members.violations(memberId, { page, pageSize: 10 })}
      empty={t('violations.empty')}
      render={(rows) => (
        <Table colCount={3} rowCount={rows.length + 1}>
          <Head cols={[t('violations.col.at'), t('violations.col.kind'), t('violations.col.booking')]} />
          <Tbody>
            {rows.map((v, i) => (
              <Tr key={`${v.at}-${i}`}>
                <Td><Typography>{dateTime(v.at, locale)}</Typography></Td>
                <Td><Badge backgroundColor="danger100" textColor="danger700">{t('violations.noShow')}</Badge></Td>
                <Td><Typography>{v.bookingStart ? dateTime(v.bookingStart, locale) : '—'}</Typography></Td>
              </Tr>
            ))}
          </Tbody>
        </Table>
      )}
    />
  );
}

export function BanHistoryTab({ memberId, version }: { memberId: number; version: number }) {
  const { t, locale } = useT();
  return (
    <Paged
      key={version}
      load={(page) => api.members.bans(memberId, { page, pageSize: 10 })}
      empty={t('bans.empty')}
      render={(rows) => (
        <Table colCount={5} rowCount={rows.length + 1}>
          <Head cols={[t('bans.col.at'), t('bans.col.action'), t('bans.col.until'), t('bans.col.reason'), t('bans.col.by')]} />
          <Tbody>
            {rows.map((r, i) => (
              <Tr key={`${r.at}-${i}`}>
                <Td><Typography>{dateTime(r.at, locale)}</Typography></Td>
                <Td>
                  {r.action === 'ban' ? (
                    <Badge backgroundColor="danger100" textColor="danger700">{t('bans.ban')}</Badge>
                  ) : (
                    <Badge backgroundColor="success100" textColor="success700">{r.appeal ? t('bans.liftByAppeal') : t('bans.lift')}</Badge>
                  )}
                </Td>
                <Td><Typography>{r.until ? dateTime(r.until, locale) : '—'}</Typography></Td>
                <Td><Typography>{r.reason}</Typography></Td>
                <Td><Typography>{r.actorType === 'system' ? t('bans.system') : r.actorName ?? `#${r.actorId}`}</Typography></Td>
              </Tr>
            ))}
          </Tbody>
        </Table>
      )}
    />
  );
}

export function AppealStatusBadge({ status }: { status: Appeal['status'] }) {
  const { t } = useT();
  if (status === 'open') return <Badge backgroundColor="warning100" textColor="warning700">{t('appeals.status.open')}</Badge>;
  if (status === 'accepted') return <Badge backgroundColor="success100" textColor="success700">{t('appeals.status.accepted')}</Badge>;
  return <Badge backgroundColor="neutral150" textColor="neutral700">{t('appeals.status.rejected')}</Badge>;
}

export function AppealsTab({ appeals }: { appeals: Appeal[] }) {
  const { t, locale } = useT();
  if (appeals.length === 0) return <Empty text={t('appeals.emptyMember')} />;
  return (
    <Table colCount={4} rowCount={appeals.length + 1}>
      <Head cols={[t('appeals.col.filed'), t('appeals.col.text'), t('appeals.col.status'), t('appeals.col.reply')]} />
      <Tbody>
        {appeals.map((a) => (
          <Tr key={a.id}>
            <Td><Typography>{dateTime(a.createdAt, locale)}</Typography></Td>
            <Td style={{ whiteSpace: 'normal', maxWidth: 360 }}><Typography>{a.text}</Typography></Td>
            <Td><AppealStatusBadge status={a.status} /></Td>
            <Td style={{ whiteSpace: 'normal', maxWidth: 300 }}><Typography variant="pi" textColor="neutral600">{a.reply ?? '—'}</Typography></Td>
          </Tr>
        ))}
      </Tbody>
    </Table>
  );
}
