import { useEffect, useState } from 'react';
import { Box, Button, Divider, Field, Flex, NumberInput, Table, Tbody, Td, Textarea, Th, Thead, Tr, Typography } from '@strapi/design-system';
import { useNotification, useRBAC } from '@strapi/strapi/admin';
import { Link } from 'react-router-dom';
import { api, type RefundRequest } from '../../../api/client';
import { ActionDialog } from '../../../components/ActionDialog';
import { Section } from '../../../components/Section';
import { Empty, Failed, Loading } from '../../../components/States';
import { dateTime, signedYuan, yuan } from '../../../utils/format';
import { PERMISSIONS } from '../../../utils/permissions';
import { useT } from '../../../utils/useT';
import { useAsync } from '../../Members/hooks/useAsync';
import { BookingStatusBadge, LEDGER_TYPES } from '../../Members/components/DetailTabs';
import { RefundStatusBadge } from './RefundStatus';

function Row({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <Flex gap={3} paddingBottom={2} alignItems="flex-start">
      <Box style={{ width: 110, flexShrink: 0 }}><Typography variant="pi" textColor="neutral600">{label}</Typography></Box>
      <Box style={{ flex: 1 }}>{typeof children === 'string' ? <Typography>{children}</Typography> : children}</Box>
    </Flex>
  );
}

/** One request: what was asked, its refunds at WeChat (and why one failed), the booking, the ledger. */
export function RefundDetail({ id, onChanged }: { id: string; onChanged: () => void }) {
  const { t, locale, refusal } = useT();
  const { toggleNotification } = useNotification();
  const review = useRBAC([...PERMISSIONS.reviewRefunds]);
  const wallets = useRBAC([...PERMISSIONS.readWallets]);
  const canReview = review.allowedActions.canReview;
  const canReadWallet = wallets.allowedActions.canRead;
  const [tick, setTick] = useState(0);
  const request = useAsync(() => api.refunds.detail(id), [id, tick]);
  const r = request.data;
  const booking = useAsync(() => (r?.booking ? api.refunds.booking(r.booking) : Promise.resolve(null)), [r?.booking]);
  const ledger = useAsync(() => (r && canReadWallet ? api.wallets.ledger(r.member, { pageSize: 8 }) : Promise.resolve(null)), [r?.member, canReadWallet, tick]);
  const [dialog, setDialog] = useState<null | 'approve' | 'reject'>(null);
  const [note, setNote] = useState('');
  const [amount, setAmount] = useState<number | undefined>(undefined);

  // The status follows WeChat's refund notification: look again every few seconds while it is open.
  useEffect(() => {
    if (r?.status !== 'refunding') return undefined;
    const timer = setTimeout(() => setTick((n) => n + 1), 3000);
    return () => clearTimeout(timer);
  }, [r?.status, tick]);

  if (request.loading && !r) return <Section><Loading /></Section>;
  if (request.error || !r) return <Section><Failed message={refusal(request.error)} /></Section>;

  const decided = (message: string) => {
    toggleNotification({ type: 'success', message });
    setTick((n) => n + 1);
    onChanged();
  };

  return (
    <Section
      title={t('refund.detail')}
      actions={r.status === 'pending' && canReview ? (
        <Flex gap={2}>
          <Button variant="danger-light" onClick={() => { setNote(''); setDialog('reject'); }}>{t('refund.reject')}</Button>
          <Button variant="success" onClick={() => { setNote(''); setAmount(undefined); setDialog('approve'); }}>{t('refund.approve')}</Button>
        </Flex>
      ) : <RefundStatusBadge status={r.status} />}
    >
      <Row label={t('refund.col.member')}>
        <Link to={`../members/${r.member}`} relative="path"><Typography textColor="primary600" fontWeight="bold">{r.memberNickname ?? '—'} #{r.member}</Typography></Link>
      </Row>
      <Row label={t('refund.col.kind')}>{t(`refund.kind.${r.kind}` as any)}</Row>
      <Row label={t('refund.col.amount')}>{yuan(r.amount_fen)}</Row>
      <Row label={t('refund.col.reason')}>{r.reason}</Row>
      <Row label={t('refund.col.status')}><RefundStatusBadge status={r.status} /></Row>
      <Row label={t('refund.col.filed')}>{dateTime(r.createdAt, locale)}</Row>
      {r.decidedAt ? <Row label={t('refund.decided')}>{`${dateTime(r.decidedAt, locale)}${r.decision_note ? ` · ${r.decision_note}` : ''}`}</Row> : null}
      {r.approved_fen || r.refunded_fen || r.returned_fen ? (
        <Row label={t('refund.totals')}>{t('refund.totalsText', { approved: yuan(r.approved_fen), refunded: yuan(r.refunded_fen), returned: yuan(r.returned_fen) })}</Row>
      ) : null}

      {r.refunds && r.refunds.length > 0 ? (
        <Box paddingTop={3}>
          <Typography variant="sigma" textColor="neutral600">{t('refund.wechatRefunds')}</Typography>
          <Table colCount={3} rowCount={r.refunds.length + 1}>
            <Thead><Tr><Th><Typography variant="sigma">{t('refund.col.no')}</Typography></Th><Th><Typography variant="sigma">{t('refund.col.amount')}</Typography></Th><Th><Typography variant="sigma">{t('refund.col.status')}</Typography></Th></Tr></Thead>
            <Tbody>
              {r.refunds.map((x) => (
                <Tr key={x.outRefundNo}>
                  <Td><Typography variant="pi">{x.outRefundNo}</Typography></Td>
                  <Td><Typography>{yuan(x.amount_fen)}</Typography></Td>
                  <Td style={{ whiteSpace: 'normal' }}>
                    <RefundStatusBadge status={x.status} wechat />
                    {x.failure ? <Box paddingTop={1}><Typography variant="pi" textColor="danger600">{t('refund.failure', { why: x.failure })}</Typography></Box> : null}
                    {x.status === 'closed' || x.status === 'failed' ? <Box paddingTop={1}><Typography variant="pi" textColor="danger600">{t('refund.closedWhy')}</Typography></Box> : null}
                  </Td>
                </Tr>
              ))}
            </Tbody>
          </Table>
        </Box>
      ) : null}

      {r.booking ? (
        <Box paddingTop={4}>
          <Divider />
          <Box paddingTop={4}><Typography variant="sigma" textColor="neutral600">{t('refund.booking')}</Typography></Box>
          {booking.loading && !booking.data ? <Loading /> : booking.data ? (
            <Box paddingTop={2}>
              <Row label={t('bookings.col.seat')}>{`${booking.data.room?.name ?? '—'} · ${booking.data.seat?.label ?? '—'}`}</Row>
              <Row label={t('bookings.col.time')}>{`${dateTime(booking.data.start, locale)} – ${dateTime(booking.data.end, locale).slice(-5)}`}</Row>
              <Row label={t('bookings.col.status')}><BookingStatusBadge status={booking.data.status} /></Row>
              <Row label={t('refund.price')}>{t('refund.priceText', { base: yuan((booking.data as any).base_fen), discount: yuan(((booking.data as any).member_discount_fen ?? 0) + ((booking.data as any).coupon_discount_fen ?? 0)), total: yuan(booking.data.total_fen) })}</Row>
            </Box>
          ) : <Typography textColor="neutral600">{t('refund.noBooking')}</Typography>}
        </Box>
      ) : null}

      {canReadWallet ? (
        <Box paddingTop={4}>
          <Divider />
          <Box paddingTop={4}><Typography variant="sigma" textColor="neutral600">{t('refund.ledger')}</Typography></Box>
          {ledger.loading && !ledger.data ? <Loading /> : !ledger.data || ledger.data.data.length === 0 ? <Empty text={t('ledger.empty')} /> : (
            <Table colCount={4} rowCount={ledger.data.data.length + 1}>
              <Thead><Tr><Th><Typography variant="sigma">{t('ledger.col.time')}</Typography></Th><Th><Typography variant="sigma">{t('ledger.col.type')}</Typography></Th><Th><Typography variant="sigma">{t('ledger.col.amount')}</Typography></Th><Th><Typography variant="sigma">{t('ledger.col.balance')}</Typography></Th></Tr></Thead>
              <Tbody>
                {ledger.data.data.map((e) => (
                  <Tr key={e.id}>
                    <Td><Typography variant="pi">{dateTime(e.createdAt, locale)}</Typography></Td>
                    <Td><Typography variant="pi">{LEDGER_TYPES.includes(e.type) ? t(`ledger.type.${e.type}` as any) : e.type}</Typography></Td>
                    <Td><Typography variant="pi" textColor={e.amount_fen >= 0 ? 'success600' : 'danger600'}>{signedYuan(e.amount_fen)}</Typography></Td>
                    <Td><Typography variant="pi">{yuan(e.balance_after_fen)}</Typography></Td>
                  </Tr>
                ))}
              </Tbody>
            </Table>
          )}
        </Box>
      ) : null}

      {dialog === 'approve' ? (
        <ActionDialog
          open
          onClose={() => setDialog(null)}
          title={t('refund.approveTitle', { amount: yuan(r.amount_fen) })}
          confirmLabel={t('refund.approve')}
          onConfirm={async () => {
            await api.refunds.approve(r.id, { note: note.trim() || undefined, amount_fen: amount ? Math.round(amount * 100) : undefined });
            decided(t('refund.approved'));
          }}
        >
          <Typography>{t('refund.approveExplain')}</Typography>
          <Field.Root name="amount" hint={t('refund.amountHint')}>
            <Field.Label>{t('refund.approveAmount')}</Field.Label>
            <NumberInput value={amount} onValueChange={(v: number | undefined) => setAmount(v)} step={0.01} />
            <Field.Hint />
          </Field.Root>
          <Field.Root name="note">
            <Field.Label>{t('refund.note')}</Field.Label>
            <Textarea value={note} onChange={(e: any) => setNote(e.target.value)} />
          </Field.Root>
        </ActionDialog>
      ) : null}
      {dialog === 'reject' ? (
        <ActionDialog
          open
          danger
          onClose={() => setDialog(null)}
          title={t('refund.rejectTitle')}
          confirmLabel={t('refund.reject')}
          canConfirm={note.trim().length >= 2}
          onConfirm={async () => {
            await api.refunds.reject(r.id, note.trim());
            decided(t('refund.rejected'));
          }}
        >
          <Field.Root name="reason" required hint={t('refund.rejectHint')}>
            <Field.Label>{t('refund.rejectReason')}</Field.Label>
            <Textarea value={note} onChange={(e: any) => setNote(e.target.value)} />
            <Field.Hint />
          </Field.Root>
        </ActionDialog>
      ) : null}
    </Section>
  );
}
