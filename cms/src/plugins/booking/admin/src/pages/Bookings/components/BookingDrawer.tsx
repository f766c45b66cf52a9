import * as React from 'react';
import { Box, Button, Checkbox, Divider, Field, Flex, Grid, Modal, SingleSelect, SingleSelectOption, TextInput, Typography } from '@strapi/design-system';
import { useNotification } from '@strapi/strapi/admin';
import { bookingApi, type Booking } from '../../../api/client';
import { StatusBadge } from '../../../components/StatusBadge';
import { ErrorState, Loading } from '../../../components/States';
import { dayClockAtOffsetOf, dayClockOf, yuan } from '../../../utils/format';
import { useRequest } from '../../../utils/useRequest';
import { useRefusal, useT } from '../../../utils/useT';
import { useStaffRights } from '../hooks/useStaffRights';

const ACTIVE = ['pending_payment', 'confirmed', 'checked_in'];

const Row = ({ label, children }: { label: string; children: React.ReactNode }) => (
  <Flex justifyContent="space-between" gap={4} paddingTop={1} paddingBottom={1}>
    <Typography textColor="neutral600">{label}</Typography>
    <Typography textColor="neutral800" textAlign="right">{children}</Typography>
  </Flex>
);

/** One booking: details, price breakdown, history, and the staff actions this member of staff may take. */
export const BookingDrawer = ({ bookingId, seats, onClose, onChanged }: { bookingId: string; seats: { id: string; label: string; enabled: boolean }[]; onClose: () => void; onChanged: () => void }) => {
  const t = useT();
  const refusal = useRefusal();
  const { toggleNotification } = useNotification();
  const rights = useStaffRights();
  const detail = useRequest(() => bookingApi.detail(bookingId), [bookingId]);
  const [reason, setReason] = React.useState('');
  const [waiveFee, setWaiveFee] = React.useState(false);
  const [targetSeat, setTargetSeat] = React.useState<string>('');
  const [busy, setBusy] = React.useState(false);

  async function act(run: () => Promise<Booking>, done: string) {
    setBusy(true);
    try {
      await run();
      toggleNotification({ type: 'success', message: done });
      detail.reload();
      onChanged();
    } catch (e: any) {
      toggleNotification({ type: 'danger', message: refusal(e) });
    } finally {
      setBusy(false);
    }
  }

  const b = detail.data;
  const member = b && typeof b.member === 'object' ? b.member : null;
  return (
    <Modal.Root open onOpenChange={(open: boolean) => !open && onClose()}>
      <Modal.Content>
        <Modal.Header>
          <Modal.Title>
            {b ? `${b.room?.name ?? ''} · ${b.seat?.label ?? ''}` : t('drawer.title')}
          </Modal.Title>
        </Modal.Header>
        <Modal.Body>
          {detail.loading && !b ? <Loading /> : null}
          {detail.error ? <ErrorState error={detail.error} onRetry={detail.reload} /> : null}
          {b ? (
            <Flex direction="column" alignItems="stretch" gap={4}>
              <Flex justifyContent="space-between">
                <StatusBadge status={b.status} />
                <Typography variant="pi" textColor="neutral500">{b.id}</Typography>
              </Flex>
              <Box>
                <Row label={t('drawer.member')}>{member ? `${member.nickname ?? ''} #${member.id}` : `#${b.member ?? ''}`}</Row>
                <Row label={t('drawer.time')}>{`${dayClockOf(b.start)} – ${b.end.slice(11, 16)}`}</Row>
                <Row label={t('drawer.payWith')}>{b.payWith ? t(`pay.${b.payWith}` as any) : '—'}</Row>
                {b.checkedInAt ? <Row label={t('drawer.checkedInAt')}>{dayClockOf(b.checkedInAt)}</Row> : null}
                {b.cancelledAt ? <Row label={t('drawer.cancelled')}>{`${dayClockOf(b.cancelledAt)} ${b.cancelReason ?? ''}`}</Row> : null}
              </Box>
              <Divider />
              <Box>
                <Typography variant="sigma" textColor="neutral600">{t('drawer.price')}</Typography>
                <Row label={t('price.base')}>{yuan(b.base_fen)}</Row>
                <Row label={t('price.memberDiscount')}>{`-${yuan(b.member_discount_fen)}`}</Row>
                <Row label={t('price.couponDiscount')}>{`-${yuan(b.coupon_discount_fen)}`}</Row>
                <Row label={t('price.total')}><b>{yuan(b.total_fen)}</b></Row>
                {b.fee_fen ? <Row label={t('price.fee')}>{yuan(b.fee_fen)}</Row> : null}
                {b.refund_fen ? <Row label={t('price.refund')}>{yuan(b.refund_fen)}</Row> : null}
              </Box>
              {b.offlineProof ? (
                <Box>
                  <Typography variant="sigma" textColor="neutral600">{t('offline.proof')}</Typography>
                  <Box paddingTop={2}><img src={b.offlineProof.url} alt={t('offline.proof')} style={{ maxWidth: 240, maxHeight: 240, borderRadius: 4 }} /></Box>
                </Box>
              ) : null}
              <Divider />
              <Box>
                <Typography variant="sigma" textColor="neutral600">{t('drawer.history')}</Typography>
                {(b.history ?? []).map((h, i) => (
                  <Flex key={i} gap={3} paddingTop={2} alignItems="flex-start">
                    <Typography variant="pi" textColor="neutral500" style={{ whiteSpace: 'nowrap' }}>{dayClockAtOffsetOf(h.at, b.start)}</Typography>
                    <Typography variant="pi">
                      {h.from ? `${t(`status.${h.from}` as any)} → ` : ''}
                      {t(`status.${h.to}` as any)} · {t(`actor.${h.actor}` as any)}
                      {h.reason ? ` · ${h.reason}` : ''}
                    </Typography>
                  </Flex>
                ))}
              </Box>
              {rights.canCheckIn && b.status === 'confirmed' ? (
                <Button variant="success" disabled={busy} onClick={() => act(() => bookingApi.checkIn(b.id), t('done.checkedIn'))}>
                  {t('action.checkIn')}
                </Button>
              ) : null}
              {rights.canManage && ACTIVE.includes(b.status) ? (
                <>
                  <Divider />
                  <Grid.Root gap={2}>
                    <Grid.Item col={8} direction="column" alignItems="stretch">
                      <SingleSelect aria-label={t('action.moveTo')} placeholder={t('action.moveTo')} value={targetSeat} onChange={(v: string | number) => setTargetSeat(String(v))}>
                        {seats.filter((s) => s.enabled && s.id !== b.seat?.id).map((s) => (
                          <SingleSelectOption key={s.id} value={s.id}>{s.label}</SingleSelectOption>
                        ))}
                      </SingleSelect>
                    </Grid.Item>
                    <Grid.Item col={4} direction="column" alignItems="stretch">
                      <Button variant="secondary" disabled={!targetSeat || busy} onClick={() => act(() => bookingApi.move(b.id, { seat: targetSeat }), t('done.moved'))}>
                        {t('action.move')}
                      </Button>
                    </Grid.Item>
                  </Grid.Root>
                  <Field.Root name="reason">
                    <Field.Label>{t('cancel.reason')}</Field.Label>
                    <TextInput value={reason} placeholder={t('cancel.reasonHint')} onChange={(e: React.ChangeEvent<HTMLInputElement>) => setReason(e.target.value)} />
                  </Field.Root>
                  {rights.canWaiveFee ? (
                    <Checkbox name="waiveFee" checked={waiveFee} onCheckedChange={(v: boolean) => setWaiveFee(!!v)}>
                      {t('cancel.waiveFee')}
                    </Checkbox>
                  ) : null}
                  <Button variant="danger-light" disabled={busy} onClick={() => act(() => bookingApi.cancel(b.id, { reason: reason || undefined, waiveFee: rights.canWaiveFee ? waiveFee : undefined }), t('done.cancelled'))}>
                    {t('action.cancelBooking')}
                  </Button>
                </>
              ) : null}
            </Flex>
          ) : null}
        </Modal.Body>
        <Modal.Footer>
          <Modal.Close>
            <Button variant="tertiary">{t('action.close')}</Button>
          </Modal.Close>
        </Modal.Footer>
      </Modal.Content>
    </Modal.Root>
  );
};
