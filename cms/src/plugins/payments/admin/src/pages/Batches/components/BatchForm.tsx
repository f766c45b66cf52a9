import { useEffect, useState } from 'react';
import { Box, Button, DateTimePicker, Field, Flex, Grid, SingleSelect, SingleSelectOption, Textarea, TextInput, Typography } from '@strapi/design-system';
import { Play } from '@strapi/icons';
import { api, type Batch, type BatchAction, type BatchSelection, type CouponTemplateOption, type TagOption } from '../../../api/client';
import { Section } from '../../../components/Section';
import { useT } from '../../../utils/useT';

/** Choose what to do and to whom, then start the batch (the server fixes the member set at once). */
export function BatchForm({ onStarted }: { onStarted: (b: Batch) => void }) {
  const { t, refusal } = useT();
  const [operation, setOperation] = useState<BatchAction['operation']>('issue_coupon');
  const [template, setTemplate] = useState('');
  const [tag, setTag] = useState('');
  const [expiresAt, setExpiresAt] = useState<Date | undefined>(undefined);
  const [by, setBy] = useState<BatchSelection['by']>('tag');
  const [selTag, setSelTag] = useState('');
  const [banned, setBanned] = useState<'all' | 'true' | 'false'>('all');
  const [keyword, setKeyword] = useState('');
  const [joinedFrom, setJoinedFrom] = useState<Date | undefined>(undefined);
  const [list, setList] = useState('');
  const [tags, setTags] = useState<TagOption[]>([]);
  const [templates, setTemplates] = useState<CouponTemplateOption[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    void api.members.tags().then(setTags).catch(() => setTags([]));
    void api.batches.couponTemplates().then((ts) => setTemplates(ts.filter((x) => x.active !== false))).catch(() => setTemplates([]));
  }, []);

  const action = (): BatchAction | null => {
    if (operation === 'issue_coupon') return template ? { operation, template } : null;
    if (!tag) return null;
    return operation === 'add_tag' ? { operation, tag, expiresAt: expiresAt ? expiresAt.toISOString() : null } : { operation, tag };
  };
  const selection = (): BatchSelection | null => {
    if (by === 'tag') return selTag ? { by, tag: selTag } : null;
    if (by === 'list') return list.trim() ? { by, list } : null;
    const filter: Record<string, unknown> = {};
    if (banned !== 'all') filter.banned = banned;
    if (keyword.trim()) filter.q = keyword.trim();
    if (joinedFrom) filter.joinedFrom = joinedFrom.toISOString();
    return { by, filter };
  };

  const start = async () => {
    const a = action();
    const s = selection();
    if (!a || !s) return;
    setBusy(true);
    setError(null);
    try {
      onStarted(await api.batches.create({ action: a, selection: s }));
    } catch (err) {
      setError(refusal(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Section title={t('batch.new')}>
      <Grid.Root gap={5}>
        <Grid.Item col={6} s={12} direction="column" alignItems="stretch">
          <Typography variant="sigma" textColor="neutral600">{t('batch.step1')}</Typography>
          <Box paddingTop={3}>
            <Field.Root name="operation">
              <Field.Label>{t('batch.operation')}</Field.Label>
              <SingleSelect value={operation} onChange={(v: any) => setOperation(v)}>
                <SingleSelectOption value="issue_coupon">{t('batch.op.issue_coupon')}</SingleSelectOption>
                <SingleSelectOption value="add_tag">{t('batch.op.add_tag')}</SingleSelectOption>
                <SingleSelectOption value="remove_tag">{t('batch.op.remove_tag')}</SingleSelectOption>
              </SingleSelect>
            </Field.Root>
          </Box>
          <Box paddingTop={3}>
            {operation === 'issue_coupon' ? (
              <Field.Root name="template" required>
                <Field.Label>{t('batch.template')}</Field.Label>
                <SingleSelect value={template} placeholder={t('batch.chooseTemplate')} onChange={(v: any) => setTemplate(String(v))}>
                  {templates.map((x) => (
                    <SingleSelectOption key={x.documentId} value={x.documentId}>{x.name}</SingleSelectOption>
                  ))}
                </SingleSelect>
              </Field.Root>
            ) : (
              <Field.Root name="tag" required>
                <Field.Label>{t('batch.tag')}</Field.Label>
                <SingleSelect value={tag} placeholder={t('tag.choose')} onChange={(v: any) => setTag(String(v))}>
                  {tags.map((x) => (
                    <SingleSelectOption key={x.id} value={x.id}>{x.name}</SingleSelectOption>
                  ))}
                </SingleSelect>
              </Field.Root>
            )}
          </Box>
          {operation === 'add_tag' ? (
            <Box paddingTop={3}>
              <Field.Root name="expiresAt" hint={t('tag.expiresHint')}>
                <Field.Label>{t('tag.expires')}</Field.Label>
                <DateTimePicker value={expiresAt} onChange={(d: Date | undefined) => setExpiresAt(d)} onClear={() => setExpiresAt(undefined)} />
                <Field.Hint />
              </Field.Root>
            </Box>
          ) : null}
        </Grid.Item>
        <Grid.Item col={6} s={12} direction="column" alignItems="stretch">
          <Typography variant="sigma" textColor="neutral600">{t('batch.step2')}</Typography>
          <Box paddingTop={3}>
            <Field.Root name="by">
              <Field.Label>{t('batch.by')}</Field.Label>
              <SingleSelect value={by} onChange={(v: any) => setBy(v)}>
                <SingleSelectOption value="tag">{t('batch.by.tag')}</SingleSelectOption>
                <SingleSelectOption value="filter">{t('batch.by.filter')}</SingleSelectOption>
                <SingleSelectOption value="list">{t('batch.by.list')}</SingleSelectOption>
              </SingleSelect>
            </Field.Root>
          </Box>
          <Box paddingTop={3}>
            {by === 'tag' ? (
              <Field.Root name="selTag" required>
                <Field.Label>{t('batch.membersWithTag')}</Field.Label>
                <SingleSelect value={selTag} placeholder={t('tag.choose')} onChange={(v: any) => setSelTag(String(v))}>
                  {tags.map((x) => (
                    <SingleSelectOption key={x.id} value={x.id}>{x.name}</SingleSelectOption>
                  ))}
                </SingleSelect>
              </Field.Root>
            ) : by === 'list' ? (
              <Field.Root name="list" required hint={t('batch.listHint')}>
                <Field.Label>{t('batch.list')}</Field.Label>
                <Textarea value={list} onChange={(e: any) => setList(e.target.value)} placeholder={'1024\n1025\no6_bmjrPTlm6_2sgVt7hMZOPfL2M'} />
                <Field.Hint />
              </Field.Root>
            ) : (
              <Flex direction="column" alignItems="stretch" gap={3}>
                <Field.Root name="banned">
                  <Field.Label>{t('members.banFilter')}</Field.Label>
                  <SingleSelect value={banned} onChange={(v: any) => setBanned(v)}>
                    <SingleSelectOption value="all">{t('members.filter.all')}</SingleSelectOption>
                    <SingleSelectOption value="true">{t('members.filter.banned')}</SingleSelectOption>
                    <SingleSelectOption value="false">{t('members.filter.notBanned')}</SingleSelectOption>
                  </SingleSelect>
                </Field.Root>
                <Field.Root name="keyword">
                  <Field.Label>{t('batch.keyword')}</Field.Label>
                  <TextInput value={keyword} onChange={(e: any) => setKeyword(e.target.value)} placeholder={t('members.searchPlaceholder')} />
                </Field.Root>
                <Field.Root name="joinedFrom">
                  <Field.Label>{t('batch.joinedFrom')}</Field.Label>
                  <DateTimePicker value={joinedFrom} onChange={(d: Date | undefined) => setJoinedFrom(d)} onClear={() => setJoinedFrom(undefined)} />
                </Field.Root>
              </Flex>
            )}
          </Box>
        </Grid.Item>
      </Grid.Root>
      {error ? (
        <Box background="danger100" padding={3} marginTop={4} hasRadius role="alert">
          <Typography textColor="danger700">{error}</Typography>
        </Box>
      ) : null}
      <Flex justifyContent="flex-end" paddingTop={5}>
        <Button startIcon={<Play />} loading={busy} disabled={!action() || !selection()} onClick={start}>{t('batch.start')}</Button>
      </Flex>
    </Section>
  );
}
