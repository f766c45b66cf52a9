import { useState } from 'react';
import { Badge, Button, Flex, Searchbar, SingleSelect, SingleSelectOption, Table, Tbody, Td, Th, Thead, Tr, Typography } from '@strapi/design-system';
import { ChartPie, Pencil, Plus } from '@strapi/icons';
import { Layouts, Page, useRBAC } from '@strapi/strapi/admin';
import { useNavigate } from 'react-router-dom';
import { api } from '../../../api/client';
import { Pager } from '../../../components/Pager';
import { Section } from '../../../components/Section';
import { Empty, Failed, Loading } from '../../../components/States';
import { date } from '../../../utils/format';
import { PERMISSIONS } from '../../../utils/permissions';
import { useT } from '../../../utils/useT';
import { useAsync } from '../../Members/hooks/useAsync';
import { describeTerms, permille } from './describe';

/** Templates with what they give, their validity and how many were issued and used. */
export function TemplateList() {
  const { t, locale, refusal } = useT();
  const navigate = useNavigate();
  const rbac = useRBAC([...PERMISSIONS.manageCoupons]);
  const [q, setQ] = useState('');
  const [query, setQuery] = useState('');
  const [active, setActive] = useState<'all' | 'true' | 'false'>('all');
  const [page, setPage] = useState(1);
  const list = useAsync(() => api.coupons.list({ q: query || undefined, active: active === 'all' ? undefined : active, page, pageSize: 10 }), [query, active, page]);

  const validity = (x: { valid_from: string | null; valid_to: string | null; valid_days_after_issue: number | null }) => {
    const parts: string[] = [];
    if (x.valid_from || x.valid_to) parts.push(`${date(x.valid_from, locale)} – ${date(x.valid_to, locale)}`);
    if (x.valid_days_after_issue) parts.push(t('coupons.validDays', { days: x.valid_days_after_issue }));
    return parts.join(' · ') || '—';
  };

  return (
    <Page.Main>
      <Page.Title>{t('coupons.title')}</Page.Title>
      <Layouts.Header
        title={t('coupons.title')}
        subtitle={t('coupons.subtitle')}
        primaryAction={rbac.allowedActions.canManage ? <Button startIcon={<Plus />} onClick={() => navigate('new')}>{t('coupons.new')}</Button> : undefined}
      />
      <Layouts.Content>
        <Section>
          <Flex gap={3} paddingBottom={4} alignItems="flex-end">
            <form onSubmit={(e) => { e.preventDefault(); setPage(1); setQuery(q.trim()); }} style={{ flex: 1 }}>
              <Searchbar name="q" value={q} onChange={(e: any) => setQ(e.target.value)} onClear={() => { setQ(''); setQuery(''); }} placeholder={t('coupons.search')}>
                {t('coupons.search')}
              </Searchbar>
            </form>
            <SingleSelect aria-label={t('coupons.filter')} value={active} onChange={(v: any) => { setPage(1); setActive(v); }}>
              <SingleSelectOption value="all">{t('coupons.filter.all')}</SingleSelectOption>
              <SingleSelectOption value="true">{t('coupons.filter.active')}</SingleSelectOption>
              <SingleSelectOption value="false">{t('coupons.filter.inactive')}</SingleSelectOption>
            </SingleSelect>
          </Flex>
          {list.loading && !list.data ? (
            <Loading />
          ) : list.error ? (
            <Failed message={refusal(list.error)} />
          ) : !list.data || list.data.data.length === 0 ? (
            <Empty text={t('coupons.empty')} />
          ) : (
            <>
              <Table colCount={7} rowCount={list.data.data.length + 1}>
                <Thead>
                  <Tr>
                    {['coupons.col.name', 'coupons.col.terms', 'coupons.col.validity', 'coupons.col.issued', 'coupons.col.rate', 'coupons.col.status', 'coupons.col.actions'].map((k) => (
                      <Th key={k}><Typography variant="sigma">{t(k as any)}</Typography></Th>
                    ))}
                  </Tr>
                </Thead>
                <Tbody>
                  {list.data.data.map((x) => (
                    <Tr key={x.documentId}>
                      <Td>
                        <Flex direction="column" alignItems="flex-start">
                          <Typography fontWeight="bold">{x.name}</Typography>
                          <Typography variant="pi" textColor="neutral600">
                            {t(`coupons.appliesTo.${x.applies_to}` as any)}
                            {x.issue_on_signup ? ` · ${t('coupons.auto.signup')}` : ''}
                            {x.issue_on_recharge_min_fen ? ` · ${t('coupons.auto.recharge')}` : ''}
                          </Typography>
                        </Flex>
                      </Td>
                      <Td><Typography>{describeTerms(x, t)}</Typography></Td>
                      <Td><Typography variant="pi">{validity(x)}</Typography></Td>
                      <Td><Typography>{t('coupons.issuedUsed', { issued: x.stats.issued, used: x.stats.used })}</Typography></Td>
                      <Td><Typography>{permille(x.stats.redemption_permille)}</Typography></Td>
                      <Td>
                        {x.active ? <Badge backgroundColor="success100" textColor="success700">{t('coupons.active')}</Badge> : <Badge>{t('coupons.inactive')}</Badge>}
                      </Td>
                      <Td>
                        <Flex gap={2}>
                          <Button variant="tertiary" size="S" startIcon={<Pencil />} onClick={() => navigate(x.documentId)}>{t('coupons.open')}</Button>
                          <Button variant="tertiary" size="S" startIcon={<ChartPie />} onClick={() => navigate(`${x.documentId}/analytics`)}>{t('coupons.analytics')}</Button>
                        </Flex>
                      </Td>
                    </Tr>
                  ))}
                </Tbody>
              </Table>
              <Pager {...list.data.meta.pagination} onPage={setPage} />
            </>
          )}
        </Section>
      </Layouts.Content>
    </Page.Main>
  );
}
