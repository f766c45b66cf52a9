import * as React from 'react';
import { Button, Flex, TextInput } from '@strapi/design-system';
import { useNotification } from '@strapi/strapi/admin';
import { bookingApi } from '../../../api/client';
import { useRefusal, useT } from '../../../utils/useT';

/** The front desk pastes (or a USB scanner types) the token of a member's check-in QR code. */
export const ScanCheckin = ({ onDone }: { onDone: () => void }) => {
  const t = useT();
  const refusal = useRefusal();
  const { toggleNotification } = useNotification();
  const [token, setToken] = React.useState('');
  const [busy, setBusy] = React.useState(false);
  async function submit(e: React.FormEvent) {
    e.preventDefault();
    if (!token.trim()) return;
    setBusy(true);
    try {
      const b = await bookingApi.checkInWithToken(token.trim());
      toggleNotification({ type: 'success', message: t('done.scanned', { seat: b.seat?.label ?? '', room: b.room?.name ?? '' }) });
      setToken('');
      onDone();
    } catch (err: any) {
      toggleNotification({ type: 'danger', message: refusal(err) });
    } finally {
      setBusy(false);
    }
  }
  return (
    <form onSubmit={submit}>
      <Flex gap={2}>
        <TextInput aria-label={t('scan.label')} placeholder={t('scan.placeholder')} value={token} onChange={(e: React.ChangeEvent<HTMLInputElement>) => setToken(e.target.value)} style={{ width: 260 }} />
        <Button type="submit" variant="secondary" loading={busy}>
          {t('action.checkIn')}
        </Button>
      </Flex>
    </form>
  );
};
