import { useState } from 'react';
import { Table, Tbody, Td, Th, Thead, Tr, Typography, Flex } from '@strapi/design-system';
import { Layouts, Page } from '@strapi/strapi/admin';
import { api } from '../../api/client';
import { Pager } from '../../components/Pager';
import { Section } from '../../components/Section';
import { Empty, Failed, Loading } from '../../components/States';
import { dateTime } from '../../utils/format';
import { PERMISSIONS } from '../../utils/permissions';
import { useT } from '../../utils/useT';
import { useAsync } from '../Members/hooks/useAsync';
import { BatchForm } from './components/BatchForm';
import { BatchProgressCard, BatchStatusBadge, describeBatch } from './components/BatchProgressCard';
import { useBatchProgress } from './hooks';

/** 批量操作 Batch operations: issue a coupon, add or remove a tag for many members, with a progress bar. */
export default function BatchesPage() {
  return (
    <Page.Protect permissions={[...PERMISSIONS.runBatches]}>
      <Batches />
    </Page.Protect>
  );
}

function Batches() {
  const { t, locale, refusal } = useT();
  const [page, setPage] = useState(1);
  const [selected, setSelected] = useState<string | null>(null);
  const batches = useAsync(() => api.batches.list({ page, pageSize: 10 }), [page]);
  const { progress } = useBatchProgress(selected, () => void batches.reload());

  return (
    <Page.Main>
      <Page.Title>{t('batch.title')}</Page.Title>
      <Layouts.Header title={t('batch.title')} subtitle={t('batch.subtitle')} />
      <Layouts.Content>
        <Flex direction="column" alignItems="stretch" gap={6}>
          <BatchForm onStarted={(b) => { setSelected(b.id); void batches.reload(); }} />
          {selected ? <BatchProgressCard progress={progress} /> : null}
          <Section title={t('batch.recent')}>
            {batches.loading && !batches.data ? (
              <Loading />
            ) : batches.error ? (
              <Failed message={refusal(batches.error)} />
            ) : !batches.data || batches.data.data.length === 0 ? (
              <Empty text={t('batch.empty')} />
            ) : (
              <>
                <Table colCount={5} rowCount={batches.data.data.length + 1}>
                  <Thead>
                    <Tr>
                      {[t('batch.col.created'), t('batch.col.what'), t('batch.col.total'), t('batch.col.result'), t('batch.col.status')].map((c) => (
                        <Th key={c}><Typography variant="sigma">{c}</Typography></Th>
                      ))}
                    </Tr>
                  </Thead>
                  <Tbody>
                    {batches.data.data.map((b) => (
                      <Tr key={b.id} onClick={() => setSelected(b.id)} style={{ cursor: 'pointer' }}>
                        <Td><Typography>{dateTime(b.createdAt, locale)}</Typography></Td>
                        <Td><Typography>{describeBatch(b, t)}</Typography></Td>
                        <Td><Typography>{b.total}</Typography></Td>
                        <Td><Typography>{t('batch.result', { done: b.done, failed: b.failed, percent: b.percent })}</Typography></Td>
                        <Td><BatchStatusBadge status={b.status} /></Td>
                      </Tr>
                    ))}
                  </Tbody>
                </Table>
                <Pager {...batches.data.meta.pagination} onPage={setPage} />
              </>
            )}
          </Section>
        </Flex>
      </Layouts.Content>
    </Page.Main>
  );
}
