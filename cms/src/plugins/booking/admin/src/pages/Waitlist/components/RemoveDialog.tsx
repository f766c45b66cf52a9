import * as React from 'react';
import { Button, Field, Flex, Modal, TextInput, Typography } from '@strapi/design-system';
import type { WaitlistEntry } from '../../../api/client';
import { clockOf, dayClockOf } from '../../../utils/format';
import { useT } from '../../../utils/useT';

/** Confirms taking one waiting entry out of the line; the reason is kept with the entry. */
export const RemoveDialog = ({ entry, onCancel, onSubmit }: { entry: WaitlistEntry; onCancel: () => void; onSubmit: (reason: string) => Promise<void> }) => {
  const t = useT();
  const [reason, setReason] = React.useState('');
  const [busy, setBusy] = React.useState(false);
  return (
    <Modal.Root open onOpenChange={(o: boolean) => !o && onCancel()}>
      <Modal.Content>
        <Modal.Header>
          <Modal.Title>{t('waitlist.removeTitle')}</Modal.Title>
        </Modal.Header>
        <Modal.Body>
          <Flex direction="column" alignItems="stretch" gap={4}>
            <Typography>
              {t('waitlist.removeLine', {
                member: `${entry.member.nickname ?? ''} #${entry.member.id}`,
                where: `${entry.room?.name ?? ''} · ${entry.seat?.label ?? t('waitlist.anySeat')}`,
                time: `${dayClockOf(entry.start)}–${clockOf(entry.end)}`,
              })}
            </Typography>
            <Field.Root name="reason" required hint={t('waitlist.reasonHint')}>
              <Field.Label>{t('waitlist.reason')}</Field.Label>
              <TextInput value={reason} onChange={(e: React.ChangeEvent<HTMLInputElement>) => setReason(e.target.value)} />
              <Field.Hint />
            </Field.Root>
          </Flex>
        </Modal.Body>
        <Modal.Footer>
          <Button variant="tertiary" onClick={onCancel}>{t('action.close')}</Button>
          <Button
            variant="danger"
            loading={busy}
            disabled={reason.trim().length < 2}
            onClick={async () => {
              setBusy(true);
              try {
                await onSubmit(reason.trim());
              } finally {
                setBusy(false);
              }
            }}
          >
            {t('waitlist.remove')}
          </Button>
        </Modal.Footer>
      </Modal.Content>
    </Modal.Root>
  );
};
