import { useState } from 'react';
import { Box, Flex, Grid, SingleSelect, SingleSelectOption, Table, Tbody, Td, Th, Thead, Tr, Typography } from '@strapi/design-system';
import { Layouts, Page } from '@strapi/strapi/admin';
import { api } from '../../api/client';
import { Pager } from '../../components/Pager';
import { Section } from '../../components/Section';
import { Empty, Failed, Loading } from '../../components/States';
import { dateTime, yuan } from '../../utils/format';
import { PERMISSIONS } from '../../utils/permissions';
import { useT } from '../../utils/useT';
import { useAsync } from '../Members/hooks/useAsync';
import { RefundDetail } from './components/RefundDetail';
import { RefundStatusBadge } from './components/RefundStatus';

const STATUSES = ['pending', 'refunding', 'completed', 'partially_refunded', 'failed', 'rejected'] as const;

/** 退款审核 Refunds: the queue of withdrawals and disputes, each with its member's ledger and booking. */
export default function RefundsPage() {
  return (
    <Page.Protect permissions={[...PERMISSIONS.readRefunds]}>
      <Refunds />
    </Page.Protect>
  );
}

function Refunds() {
  const { t, locale, refusal } = useT();
  const [status, setStatus] = useState<string>('pending');
  const [kind, setKind] = useState<string>('all');
  const [page, setPage] = useState(1);
  const [selected, setSelected] = useState<string | null>(null);
  const queue = useAsync(
    () => api.refunds.queue({ status: status === 'all' ? undefined : status, kind: kind === 'all' ? undefined : kind, page, pageSize: 10 }),
    [status, kind, page],
  );

  return (
    <Page.Main>
      <Page.Title>{t('refund.title')}</Page.Title>
      <Layouts.Header
        title={t('refund.title')}
        subtitle={t('refund.subtitle')}
        primaryAction={
          <Flex gap={2}>
            <Box style={{ width: 160 }}>
              <SingleSelect aria-label={t('refund.col.kind')} value={kind} onChange={(v: any) => { setKind(v); setPage(1); }}>
                <SingleSelectOption value="all">{t('refund.kind.all')}</SingleSelectOption>
                <SingleSelectOption value="withdraw">{t('refund.kind.withdraw')}</SingleSelectOption>
                <SingleSelectOption value="dispute">{t('refund.kind.dispute')}</SingleSelectOption>
              </SingleSelect>
            </Box>
            <Box style={{ width: 160 }}>
              <SingleSelect aria-label={t('refund.col.status')} value={status} onChange={(v: any) => { setStatus(v); setPage(1); }}>
                {STATUSES.map((s) => (
                  <SingleSelectOption key={s} value={s}>{t(`refund.status.${s}` as any)}</SingleSelectOption>
                ))}
                <SingleSelectOption value="all">{t('refund.status.all')}</SingleSelectOption>
              </SingleSelect>
            </Box>
          </Flex>
        }
      />
      <Layouts.Content>
        <Grid.Root gap={6}>
          <Grid.Item col={selected ? 7 : 12} s={12} direction="column" alignItems="stretch">
            <Section>
              {queue.loading && !queue.data ? (
                <Loading />
              ) : queue.error ? (
                <Failed message={refusal(queue.error)} />
              ) : !queue.data || queue.data.data.length === 0 ? (
                <Empty text={status === 'pending' ? t('refund.emptyPending') : t('refund.empty')} />
              ) : (
                <>
                  <Table colCount={5} rowCount={queue.data.data.length + 1}>
                    <Thead>
                      <Tr>
                        {[t('refund.col.filed'), t('refund.col.member'), t('refund.col.kind'), t('refund.col.amount'), t('refund.col.status')].map((c) => (
                          <Th key={c}><Typography variant="sigma">{c}</Typography></Th>
                        ))}
                      </Tr>
                    </Thead>
                    <Tbody>
                      {queue.data.data.map((r) => (
                        <Tr key={r.id} onClick={() => setSelected(r.id)} style={{ cursor: 'pointer', background: selected === r.id ? 'var(--strapi-primary100, #f0f0ff)' : undefined }}>
                          <Td><Typography>{dateTime(r.createdAt, locale)}</Typography></Td>
                          <Td><Typography fontWeight="bold">{r.memberNickname ?? '—'}</Typography><Typography variant="pi" textColor="neutral600"> #{r.member}</Typography></Td>
                          <Td><Typography>{t(`refund.kind.${r.kind}` as any)}</Typography></Td>
                          <Td><Typography>{yuan(r.amount_fen)}</Typography></Td>
                          <Td><RefundStatusBadge status={r.status} /></Td>
                        </Tr>
                      ))}
                    </Tbody>
                  </Table>
                  <Pager {...queue.data.meta.pagination} onPage={setPage} />
                </>
              )}
            </Section>
          </Grid.Item>
          {selected ? (
            <Grid.Item col={5} s={12} direction="column" alignItems="stretch">
              <RefundDetail id={selected} onChanged={() => void queue.reload()} />
            </Grid.Item>
          ) : null}
        </Grid.Root>
      </Layouts.Content>
    </Page.Main>
  );
}
