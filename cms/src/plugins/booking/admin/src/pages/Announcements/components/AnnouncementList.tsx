import * as React from 'react';
import { Box, Button, Flex, Table, Tabs, Tbody, Td, Th, Thead, Tr, Typography, Badge } from '@strapi/design-system';
import { Plus } from '@strapi/icons';
import { Layouts, Page, useRBAC } from '@strapi/strapi/admin';
import { useNavigate } from 'react-router-dom';
import { contentApi, type Announcement, type AnnouncementState } from '../../../api/client';
import { Empty, ErrorState, Loading } from '../../../components/States';
import { PERMISSIONS } from '../../../utils/permissions';
import { useRequest } from '../../../utils/useRequest';
import { useT } from '../../../utils/useT';
import { showTime } from '../utils';
import { StateBadge } from './StateBadge';

type Filter = 'all' | AnnouncementState;
const FILTERS: Filter[] = ['all', 'live', 'scheduled', 'draft', 'expired'];

export const useAudienceLabel = () => {
  const t = useT();
  return (a: Pick<Announcement, 'audience' | 'audienceTag' | 'audienceTier'>) =>
    a.audience === 'tag' ? t('ann.audience.tag', { name: a.audienceTag?.name ?? '?' }) : a.audience === 'tier' ? t('ann.audience.tier', { name: a.audienceTier?.name ?? '?' }) : t('ann.audience.all');
};

/** The list: every announcement with its state by the clock, filtered by state. */
export const AnnouncementList = () => {
  const t = useT();
  const navigate = useNavigate();
  const audienceLabel = useAudienceLabel();
  const canWrite = !!useRBAC(PERMISSIONS.writeAnnouncements).allowedActions.canWrite;
  const [filter, setFilter] = React.useState<Filter>('all');
  const list = useRequest(() => contentApi.announcements(filter === 'all' ? undefined : filter, 1, 100), [filter]);
  const counts = list.data?.meta.counts;
  const rows = list.data?.data ?? [];

  return (
    <Page.Main>
      <Page.Title>{t('ann.title')}</Page.Title>
      <Layouts.Header
        title={t('ann.title')}
        subtitle={t('ann.subtitle')}
        primaryAction={
          canWrite ? (
            <Button startIcon={<Plus />} onClick={() => navigate('new')}>
              {t('ann.new')}
            </Button>
          ) : undefined
        }
      />
      <Layouts.Content>
        <Tabs.Root value={filter} onValueChange={(v: string) => setFilter(v as Filter)}>
          <Tabs.List aria-label={t('ann.col.state')}>
            {FILTERS.map((f) => (
              <Tabs.Trigger key={f} value={f}>
                {f === 'all' ? t('ann.all') : `${t(`ann.state.${f}` as any)}${counts ? ` (${counts[f]})` : ''}`}
              </Tabs.Trigger>
            ))}
          </Tabs.List>
        </Tabs.Root>
        <Box paddingTop={4}>
          {list.loading && !list.data ? (
            <Loading />
          ) : list.error ? (
            <ErrorState error={list.error} onRetry={list.reload} />
          ) : rows.length === 0 ? (
            <Empty text={filter === 'all' ? t('ann.empty') : t('ann.emptyState')} />
          ) : (
            <Table colCount={6} rowCount={rows.length + 1}>
              <Thead>
                <Tr>
                  <Th><Typography variant="sigma">{t('ann.col.title')}</Typography></Th>
                  <Th><Typography variant="sigma">{t('ann.col.state')}</Typography></Th>
                  <Th><Typography variant="sigma">{t('ann.col.audience')}</Typography></Th>
                  <Th><Typography variant="sigma">{t('ann.col.publishAt')}</Typography></Th>
                  <Th><Typography variant="sigma">{t('ann.col.expireAt')}</Typography></Th>
                  <Th><Typography variant="sigma">{t('ann.col.actions')}</Typography></Th>
                </Tr>
              </Thead>
              <Tbody>
                {rows.map((a) => (
                  <Tr key={a.id} data-announcement={a.id} onClick={() => navigate(a.id)} style={{ cursor: 'pointer' }}>
                    <Td>
                      <Flex gap={2}>
                        {a.cover ? <img src={a.cover.url} alt="" style={{ width: 48, height: 32, objectFit: 'cover', borderRadius: 4 }} /> : null}
                        <Typography fontWeight="semiBold">{a.title}</Typography>
                        {a.pinned ? <Badge backgroundColor="secondary100" textColor="secondary700">{t('ann.pinned')}</Badge> : null}
                      </Flex>
                    </Td>
                    <Td>
                      <Flex gap={1}>
                        <StateBadge state={a.state} />
                        {a.modified ? <Typography variant="pi" textColor="warning700">{t('ann.modified')}</Typography> : null}
                      </Flex>
                    </Td>
                    <Td><Typography>{audienceLabel(a)}</Typography></Td>
                    <Td><Typography>{a.publishAt ? showTime(a.publishAt) : t('ann.none')}</Typography></Td>
                    <Td><Typography>{a.expireAt ? showTime(a.expireAt) : t('ann.never')}</Typography></Td>
                    <Td>
                      <Button variant="tertiary" size="S" onClick={(e: React.MouseEvent) => (e.stopPropagation(), navigate(a.id))}>
                        {t('ann.edit')}
                      </Button>
                    </Td>
                  </Tr>
                ))}
              </Tbody>
            </Table>
          )}
        </Box>
      </Layouts.Content>
    </Page.Main>
  );
};
