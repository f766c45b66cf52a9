import { Badge, Box, Flex, Table, Tbody, Td, Th, Thead, Tr, Typography } from '@strapi/design-system';
import { Link } from 'react-router-dom';
import type { Batch, BatchProgress } from '../../../api/client';
import { ProgressMeter } from '../../../components/ProgressMeter';
import { Section } from '../../../components/Section';
import { Loading } from '../../../components/States';
import { dateTime } from '../../../utils/format';
import { useT } from '../../../utils/useT';

export function BatchStatusBadge({ status }: { status: Batch['status'] }) {
  const { t } = useT();
  if (status === 'completed') return <Badge backgroundColor="success100" textColor="success700">{t('batch.status.completed')}</Badge>;
  if (status === 'running') return <Badge backgroundColor="primary100" textColor="primary700">{t('batch.status.running')}</Badge>;
  return <Badge backgroundColor="warning100" textColor="warning700">{t('batch.status.queued')}</Badge>;
}

export function describeBatch(b: Batch, t: ReturnType<typeof useT>['t']) {
  const what = b.operation === 'issue_coupon' ? `${t('batch.op.issue_coupon')} · ${b.params.templateName ?? ''}` : `${t(`batch.op.${b.operation}` as any)} · ${b.params.tagName ?? ''}`;
  const who = b.selection.by === 'tag' ? t('batch.by.tag') : b.selection.by === 'list' ? t('batch.by.list') : t('batch.by.filter');
  return `${what}（${who}）`;
}

/** The progress bar of one batch, its counts and the members it failed for, with why. */
export function BatchProgressCard({ progress }: { progress: BatchProgress | null }) {
  const { t, locale } = useT();
  if (!progress) return <Section title={t('batch.progress')}><Loading /></Section>;
  const p = progress;
  return (
    <Section title={t('batch.progress')} actions={<BatchStatusBadge status={p.status} />}>
      <Typography fontWeight="bold">{describeBatch(p, t)}</Typography>
      <Flex gap={4} alignItems="center" paddingTop={4} paddingBottom={2}>
        <Box style={{ flex: 1 }}>
          <ProgressMeter percent={p.percent} label={t('batch.progress')} />
        </Box>
        <Typography variant="delta" data-testid="batch-percent">{p.percent}%</Typography>
      </Flex>
      <Typography textColor="neutral600">
        {t('batch.counts', { processed: p.processed, total: p.total, done: p.done, failed: p.failed, skipped: p.skipped })}
      </Typography>
      <Box paddingTop={1}>
        <Typography variant="pi" textColor="neutral600">
          {t('batch.times', { created: dateTime(p.createdAt, locale), finished: p.finishedAt ? dateTime(p.finishedAt, locale) : '—' })}
        </Typography>
      </Box>
      {p.unresolved.length > 0 ? (
        <Box paddingTop={3}>
          <Typography textColor="warning700">{t('batch.unresolved', { n: p.unresolved.length, list: p.unresolved.slice(0, 10).join('、') })}</Typography>
        </Box>
      ) : null}
      {p.failures.length > 0 ? (
        <Box paddingTop={4}>
          <Typography variant="sigma" textColor="danger600">{t('batch.failures', { n: p.failuresPagination.total })}</Typography>
          <Table colCount={2} rowCount={p.failures.length + 1}>
            <Thead>
              <Tr>
                <Th><Typography variant="sigma">{t('batch.col.member')}</Typography></Th>
                <Th><Typography variant="sigma">{t('batch.col.reason')}</Typography></Th>
              </Tr>
            </Thead>
            <Tbody>
              {p.failures.map((f) => (
                <Tr key={f.member}>
                  <Td><Link to={`../members/${f.member}`} relative="path"><Typography textColor="primary600">{f.nickname ?? '—'} #{f.member}</Typography></Link></Td>
                  <Td style={{ whiteSpace: 'normal' }}><Typography>{f.reason}</Typography></Td>
                </Tr>
              ))}
            </Tbody>
          </Table>
        </Box>
      ) : null}
    </Section>
  );
}
