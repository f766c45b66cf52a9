import { useState } from 'react';
import { Box, Button, Field, Flex, SingleSelect, SingleSelectOption, Table, Tbody, Td, Textarea, Th, Thead, Tr, Typography } from '@strapi/design-system';
import { Layouts, Page, useNotification, useRBAC } from '@strapi/strapi/admin';
import { Link } from 'react-router-dom';
import { api, type QueuedAppeal } from '../../api/client';
import { ActionDialog } from '../../components/ActionDialog';
import { Pager } from '../../components/Pager';
import { Empty, Failed, Loading } from '../../components/States';
import { dateTime } from '../../utils/format';
import { PERMISSIONS } from '../../utils/permissions';
import { useT } from '../../utils/useT';
import { useAsync } from '../Members/hooks/useAsync';
import { AppealStatusBadge } from '../Members/components/DetailTabs';

/** 申诉 Appeals: banned members asking for the ban to be lifted; accept (lifts it) or reject with a reason. */
export default function AppealsPage() {
  return (
    <Page.Protect permissions={[...PERMISSIONS.readAppeals]}>
      <AppealsQueue />
    </Page.Protect>
  );
}

function AppealsQueue() {
  const { t, locale, refusal } = useT();
  const { toggleNotification } = useNotification();
  const rbac = useRBAC([...PERMISSIONS.reviewAppeals]);
  const canReview = rbac.allowedActions.canReview;
  const [status, setStatus] = useState<'open' | 'accepted' | 'rejected' | 'all'>('open');
  const [page, setPage] = useState(1);
  const [deciding, setDeciding] = useState<{ appeal: QueuedAppeal; accept: boolean } | null>(null);
  const [text, setText] = useState('');
  const queue = useAsync(() => api.appeals.queue({ status: status === 'all' ? undefined : status, page, pageSize: 10 }), [status, page]);

  return (
    <Page.Main>
      <Page.Title>{t('appeals.title')}</Page.Title>
      <Layouts.Header
        title={t('appeals.title')}
        subtitle={t('appeals.subtitle')}
        primaryAction={
          <Box style={{ width: 200 }}>
            <SingleSelect aria-label={t('appeals.filter')} value={status} onChange={(v: any) => { setStatus(v); setPage(1); }}>
              <SingleSelectOption value="open">{t('appeals.status.open')}</SingleSelectOption>
              <SingleSelectOption value="accepted">{t('appeals.status.accepted')}</SingleSelectOption>
              <SingleSelectOption value="rejected">{t('appeals.status.rejected')}</SingleSelectOption>
              <SingleSelectOption value="all">{t('appeals.status.all')}</SingleSelectOption>
            </SingleSelect>
          </Box>
        }
      />
      <Layouts.Content>
        <Box background="neutral0" hasRadius shadow="tableShadow" padding={6}>
          {queue.loading && !queue.data ? (
            <Loading />
          ) : queue.error ? (
            <Failed message={refusal(queue.error)} />
          ) : !queue.data || queue.data.data.length === 0 ? (
            <Empty text={status === 'open' ? t('appeals.emptyOpen') : t('appeals.empty')} />
          ) : (
            <>
              <Table colCount={6} rowCount={queue.data.data.length + 1}>
                <Thead>
                  <Tr>
                    {[t('appeals.col.member'), t('appeals.col.ban'), t('appeals.col.text'), t('appeals.col.filed'), t('appeals.col.status'), t('appeals.col.actions')].map((c) => (
                      <Th key={c}><Typography variant="sigma">{c}</Typography></Th>
                    ))}
                  </Tr>
                </Thead>
                <Tbody>
                  {queue.data.data.map((a) => (
                    <Tr key={a.id}>
                      <Td>
                        {a.member ? (
                          <Link to={`../members/${a.member.id}`} relative="path">
                            <Typography fontWeight="bold" textColor="primary600">{a.member.nickname ?? `#${a.member.id}`}</Typography>
                          </Link>
                        ) : '—'}
                      </Td>
                      <Td style={{ whiteSpace: 'normal', maxWidth: 220 }}>
                        <Typography>{a.banReason ?? '—'}</Typography>
                        <Box><Typography variant="pi" textColor="neutral600">{t('appeals.until', { until: dateTime(a.banUntil, locale) })}</Typography></Box>
                      </Td>
                      <Td style={{ whiteSpace: 'normal', maxWidth: 340 }}>
                        <Typography>{a.text}</Typography>
                        {a.reply ? <Box paddingTop={1}><Typography variant="pi" textColor="neutral600">{t('appeals.reply', { reply: a.reply, by: a.reviewedByName ?? '—' })}</Typography></Box> : null}
                      </Td>
                      <Td><Typography>{dateTime(a.createdAt, locale)}</Typography></Td>
                      <Td><AppealStatusBadge status={a.status} /></Td>
                      <Td>
                        {a.status === 'open' && canReview ? (
                          <Flex gap={2}>
                            <Button size="S" variant="success" onClick={() => { setText(''); setDeciding({ appeal: a, accept: true }); }}>{t('appeals.accept')}</Button>
                            <Button size="S" variant="danger-light" onClick={() => { setText(''); setDeciding({ appeal: a, accept: false }); }}>{t('appeals.reject')}</Button>
                          </Flex>
                        ) : (
                          <Typography variant="pi" textColor="neutral600">{a.reviewedAt ? dateTime(a.reviewedAt, locale) : '—'}</Typography>
                        )}
                      </Td>
                    </Tr>
                  ))}
                </Tbody>
              </Table>
              <Pager {...queue.data.meta.pagination} onPage={setPage} />
            </>
          )}
        </Box>
      </Layouts.Content>
      {deciding ? (
        <ActionDialog
          open
          onClose={() => setDeciding(null)}
          title={deciding.accept ? t('appeals.acceptTitle', { name: deciding.appeal.member?.nickname ?? '' }) : t('appeals.rejectTitle', { name: deciding.appeal.member?.nickname ?? '' })}
          confirmLabel={deciding.accept ? t('appeals.accept') : t('appeals.reject')}
          danger={!deciding.accept}
          canConfirm={deciding.accept || text.trim().length >= 2}
          onConfirm={async () => {
            if (deciding.accept) await api.appeals.accept(deciding.appeal.id, text.trim() || undefined);
            else await api.appeals.reject(deciding.appeal.id, text.trim());
            toggleNotification({ type: 'success', message: deciding.accept ? t('appeals.accepted') : t('appeals.rejected') });
            void queue.reload();
          }}
        >
          <Typography>{deciding.accept ? t('appeals.acceptExplain') : t('appeals.rejectExplain')}</Typography>
          <Field.Root name="text" required={!deciding.accept}>
            <Field.Label>{deciding.accept ? t('appeals.note') : t('appeals.reason')}</Field.Label>
            <Textarea value={text} onChange={(e: any) => setText(e.target.value)} />
          </Field.Root>
        </ActionDialog>
      ) : null}
    </Page.Main>
  );
}
