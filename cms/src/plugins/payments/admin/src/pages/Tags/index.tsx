import { useState } from 'react';
import { Badge, Box, Button, Flex, Table, Tbody, Td, Th, Thead, Tr, Typography } from '@strapi/design-system';
import { ArrowClockwise, Pencil, Plus } from '@strapi/icons';
import { Layouts, Page, useNotification, useRBAC } from '@strapi/strapi/admin';
import { api, type TagRecord } from '../../api/client';
import { Section } from '../../components/Section';
import { Empty, Failed, Loading } from '../../components/States';
import { PERMISSIONS } from '../../utils/permissions';
import { useT } from '../../utils/useT';
import { useAsync } from '../Members/hooks/useAsync';
import { describeRule } from './components/describeRule';
import { TagDialog } from './components/TagDialog';

/** 标签 Tags: every tag with the members holding it now and its rule; the manager sets the rules. */
export default function TagsPage() {
  return (
    <Page.Protect permissions={[...PERMISSIONS.readTags]}>
      <Tags />
    </Page.Protect>
  );
}

function Tags() {
  const { t, refusal } = useT();
  const { toggleNotification } = useNotification();
  const rbac = useRBAC([...PERMISSIONS.manageTags]);
  const canManage = Boolean(rbac.allowedActions.canManage);
  const tags = useAsync(() => api.tags.list(), []);
  const [editing, setEditing] = useState<TagRecord | 'new' | null>(null);
  const [applying, setApplying] = useState(false);

  const applyNow = async () => {
    setApplying(true);
    try {
      const result = await api.tags.applyRules();
      const given = result.reduce((s, r) => s + r.given, 0);
      const removed = result.reduce((s, r) => s + r.removed, 0);
      toggleNotification({ type: 'success', message: t('tags.applied', { given, removed }) });
      await tags.reload();
    } catch (e) {
      toggleNotification({ type: 'danger', message: refusal(e) });
    } finally {
      setApplying(false);
    }
  };

  return (
    <Page.Main>
      <Page.Title>{t('tags.title')}</Page.Title>
      <Layouts.Header
        title={t('tags.title')}
        subtitle={t('tags.subtitle')}
        primaryAction={
          canManage ? (
            <Flex gap={2}>
              <Button variant="secondary" startIcon={<ArrowClockwise />} loading={applying} onClick={applyNow}>{t('tags.applyNow')}</Button>
              <Button startIcon={<Plus />} onClick={() => setEditing('new')}>{t('tags.new')}</Button>
            </Flex>
          ) : undefined
        }
      />
      <Layouts.Content>
        <Section>
          {tags.loading && !tags.data ? (
            <Loading />
          ) : tags.error ? (
            <Failed message={refusal(tags.error)} />
          ) : !tags.data || tags.data.length === 0 ? (
            <Empty text={t('tags.empty')} />
          ) : (
            <Table colCount={5} rowCount={tags.data.length + 1}>
              <Thead>
                <Tr>
                  {['tags.col.name', 'tags.col.members', 'tags.col.rule', 'tags.col.validity', 'tags.col.actions'].map((k) => (
                    <Th key={k}><Typography variant="sigma">{t(k as any)}</Typography></Th>
                  ))}
                </Tr>
              </Thead>
              <Tbody>
                {tags.data.map((x) => (
                  <Tr key={x.id}>
                    <Td>
                      <Flex gap={2}>
                        <Box width="1.2rem" height="1.2rem" hasRadius style={{ background: x.color ?? '#8e8ea9', borderRadius: '50%' }} />
                        <Flex direction="column" alignItems="flex-start">
                          <Typography fontWeight="bold">{x.name}</Typography>
                          {x.description ? <Typography variant="pi" textColor="neutral600">{x.description}</Typography> : null}
                        </Flex>
                      </Flex>
                    </Td>
                    <Td><Typography variant="omega" fontWeight="bold">{t('tags.memberCount', { n: x.members })}</Typography></Td>
                    <Td>
                      {x.rule === 'none' ? (
                        <Typography textColor="neutral500">{t('tags.rule.none')}</Typography>
                      ) : (
                        <Flex gap={2}>
                          <Badge backgroundColor={x.active ? 'primary100' : 'neutral150'} textColor={x.active ? 'primary700' : 'neutral600'}>{t('tags.auto')}</Badge>
                          <Typography>{describeRule(x, t)}</Typography>
                        </Flex>
                      )}
                    </Td>
                    <Td>
                      <Typography variant="pi">
                        {x.rule === 'none' ? '—' : t('tags.validFor', { days: x.validDays ?? x.days ?? 0 })}
                        {x.removeWhenUnqualified ? ` · ${t('tags.removes')}` : ''}
                      </Typography>
                    </Td>
                    <Td>
                      {canManage ? (
                        <Button variant="tertiary" size="S" startIcon={<Pencil />} onClick={() => setEditing(x)}>{t('tags.edit')}</Button>
                      ) : null}
                    </Td>
                  </Tr>
                ))}
              </Tbody>
            </Table>
          )}
          <Box paddingTop={4}>
            <Typography variant="pi" textColor="neutral600">{t('tags.note')}</Typography>
          </Box>
        </Section>
        {editing ? <TagDialog tag={editing === 'new' ? null : editing} onClose={() => setEditing(null)} onSaved={() => void tags.reload()} /> : null}
      </Layouts.Content>
    </Page.Main>
  );
}
