import { useState, type ReactNode } from 'react';
import { Box, Button, Flex, Modal, Typography } from '@strapi/design-system';
import { useT } from '../utils/useT';

/**
 * A modal with a form and one confirming button. `onConfirm` calls the server; a refusal shows its
 * sentence inside the dialog (the dialog stays open), success closes it.
 */
export function ActionDialog(props: {
  open: boolean;
  onClose: () => void;
  title: string;
  confirmLabel: string;
  danger?: boolean;
  canConfirm?: boolean;
  onConfirm: () => Promise<void>;
  children: ReactNode;
}) {
  const { t, refusal } = useT();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const confirm = async () => {
    setBusy(true);
    setError(null);
    try {
      await props.onConfirm();
      props.onClose();
    } catch (err) {
      setError(refusal(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal.Root open={props.open} onOpenChange={(open: boolean) => !open && props.onClose()}>
      <Modal.Content>
        <Modal.Header>
          <Modal.Title>{props.title}</Modal.Title>
        </Modal.Header>
        <Modal.Body>
          <Flex direction="column" alignItems="stretch" gap={4}>
            {props.children}
            {error ? (
              <Box background="danger100" padding={3} hasRadius role="alert">
                <Typography textColor="danger700">{error}</Typography>
              </Box>
            ) : null}
          </Flex>
        </Modal.Body>
        <Modal.Footer>
          <Modal.Close>
            <Button variant="tertiary">{t('common.cancel')}</Button>
          </Modal.Close>
          <Button variant={props.danger ? 'danger' : 'default'} loading={busy} disabled={props.canConfirm === false} onClick={confirm}>
            {props.confirmLabel}
          </Button>
        </Modal.Footer>
      </Modal.Content>
    </Modal.Root>
  );
}
