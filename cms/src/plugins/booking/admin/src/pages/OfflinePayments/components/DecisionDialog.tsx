import * as React from 'react';
import { Button, Field, Flex, Modal, TextInput, Typography } from '@strapi/design-system';
import type { Booking } from '../../../api/client';
import { yuan } from '../../../utils/format';
import { useT } from '../../../utils/useT';

/** Confirm (optional note) or reject (a reason the member reads) one offline payment. */
export const DecisionDialog = ({ booking, mode, onCancel, onSubmit }: { booking: Booking; mode: 'confirm' | 'reject'; onCancel: () => void; onSubmit: (text: string) => Promise<void> }) => {
  const t = useT();
  const [text, setText] = React.useState('');
  const [busy, setBusy] = React.useState(false);
  const reject = mode === 'reject';
  return (
    <Modal.Root open onOpenChange={(o: boolean) => !o && onCancel()}>
      <Modal.Content>
        <Modal.Header>
          <Modal.Title>{reject ? t('offline.rejectTitle') : t('offline.confirmTitle')}</Modal.Title>
        </Modal.Header>
        <Modal.Body>
          <Flex direction="column" alignItems="stretch" gap={4}>
            <Typography>{t('offline.decisionLine', { amount: yuan(booking.total_fen), seat: `${booking.room?.name ?? ''} ${booking.seat?.label ?? ''}` })}</Typography>
            <Field.Root name="text" required={reject} hint={reject ? t('offline.reasonHint') : t('offline.noteHint')}>
              <Field.Label>{reject ? t('offline.reason') : t('offline.note')}</Field.Label>
              <TextInput value={text} onChange={(e: React.ChangeEvent<HTMLInputElement>) => setText(e.target.value)} />
              <Field.Hint />
            </Field.Root>
          </Flex>
        </Modal.Body>
        <Modal.Footer>
          <Button variant="tertiary" onClick={onCancel}>{t('action.close')}</Button>
          <Button
            variant={reject ? 'danger' : 'success'}
            loading={busy}
            disabled={reject && text.trim().length < 2}
            onClick={async () => {
              setBusy(true);
              try {
                await onSubmit(text.trim());
              } finally {
                setBusy(false);
              }
            }}
          >
            {reject ? t('offline.reject') : t('offline.confirm')}
          </Button>
        </Modal.Footer>
      </Modal.Content>
    </Modal.Root>
  );
};
