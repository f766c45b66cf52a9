import * as React from 'react';
import { Box, Button, Field, Flex, Grid, TextInput, Typography } from '@strapi/design-system';
import { Download } from '@strapi/icons';
import { Layouts, Page, useNotification, useRBAC } from '@strapi/strapi/admin';
import { bookingApi, type ExportKind } from '../../api/client';
import { localToday, shiftDate } from '../../utils/format';
import { PERMISSIONS } from '../../utils/permissions';
import { useRefusal, useT } from '../../utils/useT';

const KINDS: { kind: ExportKind; money: boolean }[] = [
  { kind: 'bookings', money: false },
  { kind: 'ledger', money: true },
  { kind: 'refund-requests', money: true },
  { kind: 'members', money: true },
];

const ExportsPage = () => {
  const t = useT();
  const refusal = useRefusal();
  const { toggleNotification } = useNotification();
  // Both actions end in ".read", which useRBAC would name alike: ask once per action.
  const canBookings = useRBAC(PERMISSIONS.exportBookings).allowedActions.canRead;
  const canMoney = useRBAC(PERMISSIONS.exportMoney).allowedActions.canRead;
  const [from, setFrom] = React.useState(shiftDate(localToday(), -29));
  const [to, setTo] = React.useState(localToday());
  const [busy, setBusy] = React.useState<ExportKind | null>(null);

  async function download(kind: ExportKind) {
    setBusy(kind);
    try {
      const file = await bookingApi.download(kind, from, to);
      toggleNotification({ type: 'success', message: t('exports.done', { name: file.name }) });
    } catch (e: any) {
      toggleNotification({ type: 'danger', message: refusal(e) });
    } finally {
      setBusy(null);
    }
  }

  return (
    <Page.Main>
      <Page.Title>{t('exports.title')}</Page.Title>
      <Layouts.Header title={t('exports.title')} subtitle={t('exports.subtitle')} />
      <Layouts.Content>
        <Flex direction="column" alignItems="stretch" gap={6}>
          <Box background="neutral0" hasRadius shadow="tableShadow" padding={6}>
            <Flex gap={4} alignItems="flex-end">
              <Field.Root name="from">
                <Field.Label>{t('exports.from')}</Field.Label>
                <TextInput type="date" value={from} onChange={(e: React.ChangeEvent<HTMLInputElement>) => setFrom(e.target.value)} />
              </Field.Root>
              <Field.Root name="to">
                <Field.Label>{t('exports.to')}</Field.Label>
                <TextInput type="date" value={to} onChange={(e: React.ChangeEvent<HTMLInputElement>) => setTo(e.target.value)} />
              </Field.Root>
              <Typography variant="pi" textColor="neutral600">{t('exports.rangeHint')}</Typography>
            </Flex>
          </Box>
          <Grid.Root gap={4}>
            {KINDS.filter((k) => (k.money ? canMoney : canBookings)).map((k) => (
              <Grid.Item key={k.kind} col={6} s={12} direction="column" alignItems="stretch">
                <Box background="neutral0" hasRadius shadow="tableShadow" padding={6}>
                  <Flex direction="column" alignItems="flex-start" gap={3}>
                    <Typography variant="delta" tag="h2">{t(`exports.${k.kind}.title` as any)}</Typography>
                    <Typography textColor="neutral600">{t(`exports.${k.kind}.description` as any)}</Typography>
                    <Button startIcon={<Download />} loading={busy === k.kind} disabled={!from || !to || to < from} onClick={() => download(k.kind)} data-export={k.kind}>
                      {t('exports.download')}
                    </Button>
                  </Flex>
                </Box>
              </Grid.Item>
            ))}
          </Grid.Root>
        </Flex>
      </Layouts.Content>
    </Page.Main>
  );
};

const ProtectedExportsPage = () => (
  <Page.Protect permissions={[...PERMISSIONS.exportBookings, ...PERMISSIONS.exportMoney]}>
    <ExportsPage />
  </Page.Protect>
);

export default ProtectedExportsPage;
