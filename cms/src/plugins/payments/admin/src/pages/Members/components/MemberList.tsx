import { useState } from 'react';
import { Badge, Box, Button, Flex, SingleSelect, SingleSelectOption, Table, Tbody, Td, TextInput, Th, Thead, Tr, Typography } from '@strapi/design-system';
import { Search } from '@strapi/icons';
import { Layouts, Page } from '@strapi/strapi/admin';
import { useNavigate } from 'react-router-dom';
import { api, type MemberFilter } from '../../../api/client';
import { Pager } from '../../../components/Pager';
import { Empty, Failed, Loading } from '../../../components/States';
import { dateTime } from '../../../utils/format';
import { useT } from '../../../utils/useT';
import { useAsync } from '../hooks/useAsync';

export function MemberList() {
  const { t, locale, refusal } = useT();
  const navigate = useNavigate();
  const [text, setText] = useState('');
  const [filter, setFilter] = useState<MemberFilter & { page: number }>({ page: 1 });
  const { data, error, loading } = useAsync(() => api.members.search({ ...filter, pageSize: 20 }), [JSON.stringify(filter)]);

  return (
    <Page.Main>
      <Page.Title>{t('members.title')}</Page.Title>
      <Layouts.Header title={t('members.title')} subtitle={t('members.subtitle')} />
      <Layouts.Content>
        <Box background="neutral0" hasRadius shadow="tableShadow" padding={6}>
          <form
            onSubmit={(e) => {
              e.preventDefault();
              setFilter((f) => ({ ...f, q: text.trim() || undefined, page: 1 }));
            }}
          >
            <Flex gap={3} alignItems="flex-end" paddingBottom={5}>
              <Box style={{ flex: 1 }}>
                <TextInput name="q" aria-label={t('members.search')} placeholder={t('members.searchPlaceholder')} value={text} onChange={(e: any) => setText(e.target.value)} startAction={<Search />} />
              </Box>
              <Box style={{ width: 200 }}>
                <SingleSelect
                  aria-label={t('members.banFilter')}
                  value={filter.banned ?? 'all'}
                  onChange={(v: any) => setFilter((f) => ({ ...f, banned: v === 'all' ? undefined : v, page: 1 }))}
                >
                  <SingleSelectOption value="all">{t('members.filter.all')}</SingleSelectOption>
                  <SingleSelectOption value="true">{t('members.filter.banned')}</SingleSelectOption>
                  <SingleSelectOption value="false">{t('members.filter.notBanned')}</SingleSelectOption>
                </SingleSelect>
              </Box>
              <Button type="submit" size="L">{t('members.search')}</Button>
            </Flex>
          </form>
          {loading && !data ? (
            <Loading />
          ) : error ? (
            <Failed message={refusal(error)} />
          ) : !data || data.data.length === 0 ? (
            <Empty text={t('members.empty')} />
          ) : (
            <>
              <Table colCount={6} rowCount={data.data.length + 1}>
                <Thead>
                  <Tr>
                    <Th><Typography variant="sigma">{t('members.col.id')}</Typography></Th>
                    <Th><Typography variant="sigma">{t('members.col.nickname')}</Typography></Th>
                    <Th><Typography variant="sigma">{t('members.col.openid')}</Typography></Th>
                    <Th><Typography variant="sigma">{t('members.col.joined')}</Typography></Th>
                    <Th><Typography variant="sigma">{t('members.col.status')}</Typography></Th>
                    <Th><Typography variant="sigma">{t('members.col.actions')}</Typography></Th>
                  </Tr>
                </Thead>
                <Tbody>
                  {data.data.map((m) => (
                    <Tr key={m.id} onClick={() => navigate(String(m.id))} style={{ cursor: 'pointer' }}>
                      <Td><Typography textColor="neutral800">#{m.id}</Typography></Td>
                      <Td><Typography fontWeight="bold" textColor="neutral800">{m.nickname ?? '—'}</Typography></Td>
                      <Td><Typography variant="pi" textColor="neutral600">{m.openid ?? '—'}</Typography></Td>
                      <Td><Typography textColor="neutral800">{dateTime(m.createdAt, locale)}</Typography></Td>
                      <Td>
                        {m.ban ? (
                          <Badge backgroundColor="danger100" textColor="danger700">{t('members.bannedUntil', { until: dateTime(m.ban.until, locale) })}</Badge>
                        ) : (
                          <Badge backgroundColor="success100" textColor="success700">{t('members.active')}</Badge>
                        )}
                      </Td>
                      <Td>
                        <Button variant="tertiary" size="S" onClick={(e: any) => { e.stopPropagation(); navigate(String(m.id)); }}>{t('members.open')}</Button>
                      </Td>
                    </Tr>
                  ))}
                </Tbody>
              </Table>
              <Pager {...data.meta.pagination} onPage={(page) => setFilter((f) => ({ ...f, page }))} />
            </>
          )}
        </Box>
      </Layouts.Content>
    </Page.Main>
  );
}
