import { useEffect, useState } from 'react';
import { Box, Button, Field, Flex, Radio, SingleSelect, SingleSelectOption, Textarea, Typography } from '@strapi/design-system';
import { Play } from '@strapi/icons';
import { useNavigate } from 'react-router-dom';
import { api, type AudienceCount, type CouponTemplateRecord, type Distribution, type TagOption } from '../../../api/client';
import { Section } from '../../../components/Section';
import { useT } from '../../../utils/useT';

const parseIds = (text: string) => [...new Set(text.split(/[\s,;，；、]+/).filter((s) => /^\d{1,15}$/.test(s)).map(Number))];

/**
 * Hand out a template to everyone holding a tag or to chosen members. The audience is counted on the
 * server as soon as it is chosen; more than 200 members run as a background batch.
 */
export function DistributePanel({ template }: { template: CouponTemplateRecord }) {
  const { t, refusal } = useT();
  const navigate = useNavigate();
  const [to, setTo] = useState<'tag' | 'members'>('tag');
  const [tags, setTags] = useState<TagOption[]>([]);
  const [tag, setTag] = useState('');
  const [list, setList] = useState('');
  const [count, setCount] = useState<AudienceCount | null>(null);
  const [counting, setCounting] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [result, setResult] = useState<Distribution | null>(null);

  useEffect(() => {
    void api.members.tags().then(setTags).catch(() => setTags([]));
  }, []);

  const audience = () => (to === 'tag' ? (tag ? { tag } : null) : parseIds(list).length ? { members: parseIds(list) } : null);

  useEffect(() => {
    const a = audience();
    setCount(null);
    setResult(null);
    setError(null);
    if (!a) return;
    setCounting(true);
    const timer = setTimeout(() => {
      api.coupons
        .audience(template.documentId, a)
        .then(setCount)
        .catch((e) => setError(refusal(e)))
        .finally(() => setCounting(false));
    }, 300);
    return () => clearTimeout(timer);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [to, tag, list, template.documentId]);

  const issue = async () => {
    const a = audience();
    if (!a) return;
    setBusy(true);
    setError(null);
    try {
      setResult(await api.coupons.distribute(template.documentId, a));
    } catch (e) {
      setError(refusal(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Section title={t('coupons.section.distribute')}>
      <Flex direction="column" alignItems="stretch" gap={4}>
        {!template.active ? (
          <Box background="warning100" padding={3} hasRadius>
            <Typography textColor="warning700">{t('coupons.distribute.inactive')}</Typography>
          </Box>
        ) : null}
        <Radio.Group aria-label={t('coupons.distribute.to')} value={to} onValueChange={(v: any) => setTo(v)}>
          <Flex gap={6}>
            <Radio.Item value="tag">{t('coupons.distribute.toTag')}</Radio.Item>
            <Radio.Item value="members">{t('coupons.distribute.toMembers')}</Radio.Item>
          </Flex>
        </Radio.Group>
        {to === 'tag' ? (
          <Field.Root name="distributeTag">
            <Field.Label>{t('coupons.distribute.tag')}</Field.Label>
            <SingleSelect value={tag} placeholder={t('tag.choose')} onChange={(v: any) => setTag(String(v))}>
              {tags.map((x) => (
                <SingleSelectOption key={x.id} value={x.id}>{x.name}</SingleSelectOption>
              ))}
            </SingleSelect>
          </Field.Root>
        ) : (
          <Field.Root name="distributeMembers" hint={t('coupons.distribute.membersHint')}>
            <Field.Label>{t('coupons.distribute.members')}</Field.Label>
            <Textarea value={list} onChange={(e: any) => setList(e.target.value)} placeholder={'1024, 1025, 1031'} />
            <Field.Hint />
          </Field.Root>
        )}
        <Box background="neutral100" padding={4} hasRadius>
          <Typography variant="omega" fontWeight="bold" data-testid="audience-count">
            {counting ? t('coupons.distribute.counting') : count ? t('coupons.distribute.count', { count: count.count }) : t('coupons.distribute.choose')}
          </Typography>
          {count && count.mode === 'batch' ? (
            <Box paddingTop={1}>
              <Typography variant="pi" textColor="neutral600">{t('coupons.distribute.batchHint')}</Typography>
            </Box>
          ) : count ? (
            <Box paddingTop={1}>
              <Typography variant="pi" textColor="neutral600">{t('coupons.distribute.limitHint', { limit: template.per_member_limit ?? 1 })}</Typography>
            </Box>
          ) : null}
        </Box>
        {error ? (
          <Box background="danger100" padding={3} hasRadius role="alert">
            <Typography textColor="danger700">{error}</Typography>
          </Box>
        ) : null}
        {result ? (
          <Box background="success100" padding={3} hasRadius role="status">
            <Typography textColor="success700">
              {result.mode === 'batch' ? t('coupons.distribute.batchStarted', { total: result.batch?.total ?? result.audience }) : t('coupons.distribute.done', { issued: result.issued, skipped: result.skipped_limit })}
            </Typography>
            {result.mode === 'batch' ? (
              <Button variant="tertiary" size="S" onClick={() => navigate('/plugins/payments/batches')}>{t('coupons.distribute.followBatch')}</Button>
            ) : null}
          </Box>
        ) : null}
        <Flex justifyContent="flex-end">
          <Button startIcon={<Play />} loading={busy} disabled={!count || count.count === 0 || !template.active} onClick={issue}>
            {count ? t('coupons.distribute.issueTo', { count: count.count }) : t('coupons.distribute.issue')}
          </Button>
        </Flex>
      </Flex>
    </Section>
  );
}
