import * as React from 'react';
import { Box, Button, Field, Flex, Grid, Radio, SingleSelect, SingleSelectOption, Textarea, TextInput, Toggle, Typography } from '@strapi/design-system';
import { ArrowLeft, Image as ImageIcon } from '@strapi/icons';
import { Layouts, Page, useNotification, useRBAC, useStrapiApp } from '@strapi/strapi/admin';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { ApiError, contentApi, type Announcement } from '../../../api/client';
import { ErrorState, Loading } from '../../../components/States';
import { textToBlocks } from '../../../utils/blocks';
import { PERMISSIONS } from '../../../utils/permissions';
import { useRequest } from '../../../utils/useRequest';
import { useRefusal, useT } from '../../../utils/useT';
import { inputOf, useAnnouncementForm } from '../hooks/useAnnouncementForm';
import { showTime, fromLocalInput } from '../utils';
import { PhonePreview } from './PhonePreview';
import { StateBadge } from './StateBadge';
import { useAudienceLabel } from './AnnouncementList';

type Action = 'save' | 'schedule' | 'publish' | 'unpublish' | 'delete';

/** Inserts markup at the caret (or around the selection) of the body text area. */
function insertMarkup(area: HTMLTextAreaElement | null, text: string, kind: 'heading' | 'list' | 'bold' | 'italic'): { text: string; caret: number } {
  const start = area?.selectionStart ?? text.length;
  const end = area?.selectionEnd ?? text.length;
  const selected = text.slice(start, end);
  if (kind === 'bold' || kind === 'italic') {
    const mark = kind === 'bold' ? '**' : '*';
    const inner = selected || (kind === 'bold' ? '粗体' : '斜体');
    return { text: `${text.slice(0, start)}${mark}${inner}${mark}${text.slice(end)}`, caret: start + mark.length * 2 + inner.length };
  }
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  const prefix = kind === 'heading' ? '# ' : '- ';
  return { text: `${text.slice(0, lineStart)}${prefix}${text.slice(lineStart)}`, caret: end + prefix.length };
}

export const AnnouncementEditor = () => {
  const t = useT();
  const refusal = useRefusal();
  const id = useParams().id;
  const navigate = useNavigate();
  const { toggleNotification } = useNotification();
  const audienceLabel = useAudienceLabel();
  const canWrite = !!useRBAC(PERMISSIONS.writeAnnouncements).allowedActions.canWrite;
  const canPublish = !!useRBAC(PERMISSIONS.publishAnnouncements).allowedActions.canPublish;
  const components = useStrapiApp('AnnouncementEditor', (state: any) => state.components) as Record<string, React.ComponentType<any>>;
  const MediaLibraryDialog = components['media-library'];

  const loaded = useRequest(() => (id ? contentApi.announcement(id) : Promise.resolve(null)), [id]);
  const audiences = useRequest(() => contentApi.audiences(), []);
  const [current, setCurrent] = React.useState<Announcement | null>(null);
  const { form, set, setForm } = useAnnouncementForm(loaded.data);
  const [errors, setErrors] = React.useState<Record<string, string>>({});
  const [busy, setBusy] = React.useState<Action | null>(null);
  const [picking, setPicking] = React.useState(false);
  const bodyRef = React.useRef<HTMLTextAreaElement>(null);

  React.useEffect(() => setCurrent(loaded.data), [loaded.data]);

  if (id && loaded.loading && !loaded.data) return <Loading />;
  if (id && loaded.error) return <ErrorState error={loaded.error} onRetry={loaded.reload} />;

  async function run(action: Action) {
    setBusy(action);
    setErrors({});
    try {
      if (action === 'delete') {
        if (!current || !window.confirm(t('ed.confirmDelete'))) return;
        await contentApi.deleteAnnouncement(current.id);
        toggleNotification({ type: 'success', message: t('ed.deleted') });
        navigate('..', { relative: 'path' });
        return;
      }
      if (action === 'unpublish') {
        setCurrent(await contentApi.unpublishAnnouncement(current!.id));
        toggleNotification({ type: 'success', message: t('ed.unpublished') });
        return;
      }
      // Every other action saves the draft first, so what is scheduled or published is what the preview shows.
      let saved = current ? await contentApi.updateAnnouncement(current.id, inputOf(form)) : await contentApi.createAnnouncement(inputOf(form));
      if (action === 'schedule') saved = await contentApi.scheduleAnnouncement(saved.id);
      if (action === 'publish') saved = await contentApi.publishAnnouncement(saved.id);
      setCurrent(saved);
      toggleNotification({
        type: 'success',
        message: action === 'schedule' ? t('ed.scheduled', { at: showTime(saved.publishAt) }) : action === 'publish' ? t('ed.published') : t('ed.saved'),
      });
      if (!id) navigate(`../${saved.id}`, { relative: 'path', replace: true });
    } catch (e: any) {
      const list: { field: string; message: string }[] = (e instanceof ApiError && e.details?.errors) || [];
      if (list.length) setErrors(Object.fromEntries(list.map((x) => [x.field, x.message])));
      toggleNotification({ type: 'danger', message: refusal(e) });
    } finally {
      setBusy(null);
    }
  }

  const tool = (kind: 'heading' | 'list' | 'bold' | 'italic') => () => {
    const next = insertMarkup(bodyRef.current, form.bodyText, kind);
    set('bodyText', next.text);
    requestAnimationFrame(() => bodyRef.current?.setSelectionRange(next.caret, next.caret));
  };

  const tagName = audiences.data?.tags.find((x) => x.id === form.audienceTag)?.name;
  const tierName = audiences.data?.tiers.find((x) => x.id === form.audienceTier)?.name;
  const previewAudience = audienceLabel({
    audience: form.audience,
    audienceTag: tagName ? { id: form.audienceTag, name: tagName } : null,
    audienceTier: tierName ? { id: form.audienceTier, name: tierName } : null,
  });
  const publishedLabel = showTime(fromLocalInput(form.publishAt) ?? current?.publishAt ?? new Date().toISOString());
  const readOnly = !canWrite;

  return (
    <Page.Main>
      <Page.Title>{current ? t('ed.editTitle') : t('ed.newTitle')}</Page.Title>
      <Layouts.Header
        navigationAction={
          <Link to=".." relative="path" style={{ display: 'inline-flex', alignItems: 'center', gap: 4, textDecoration: 'none' }}>
            <ArrowLeft width="1.2rem" height="1.2rem" />
            <Typography variant="pi">{t('ed.back')}</Typography>
          </Link>
        }
        title={current ? current.title : t('ed.newTitle')}
        subtitle={
          current ? (
            <Flex gap={2}>
              <Typography variant="pi">{t('ed.state')}</Typography>
              <StateBadge state={current.state} />
              {current.modified ? <Typography variant="pi" textColor="warning700">{t('ann.modified')}</Typography> : null}
            </Flex>
          ) : undefined
        }
        primaryAction={
          <Flex gap={2}>
            {current && canWrite ? (
              <Button variant="danger-light" onClick={() => run('delete')} loading={busy === 'delete'}>
                {t('ed.delete')}
              </Button>
            ) : null}
            {current && canPublish && (current.published || current.state === 'scheduled') ? (
              <Button variant="tertiary" onClick={() => run('unpublish')} loading={busy === 'unpublish'}>
                {t('ed.unpublish')}
              </Button>
            ) : null}
            {canWrite ? (
              <Button variant="secondary" onClick={() => run('save')} loading={busy === 'save'} disabled={!form.title.trim()}>
                {t('ed.save')}
              </Button>
            ) : null}
            {canWrite && canPublish ? (
              <Button variant="secondary" onClick={() => run('schedule')} loading={busy === 'schedule'} disabled={!form.title.trim() || !form.publishAt}>
                {t('ed.schedule')}
              </Button>
            ) : null}
            {canWrite && canPublish ? (
              <Button onClick={() => run('publish')} loading={busy === 'publish'} disabled={!form.title.trim()}>
                {t('ed.publish')}
              </Button>
            ) : null}
          </Flex>
        }
      />
      <Layouts.Content>
        <Grid.Root gap={6}>
          <Grid.Item col={7} s={12} direction="column" alignItems="stretch">
            <Box background="neutral0" hasRadius shadow="tableShadow" padding={6}>
              <Flex direction="column" alignItems="stretch" gap={5}>
                <Field.Root name="title" required error={errors.title}>
                  <Field.Label>{t('ed.field.title')}</Field.Label>
                  <TextInput name="title" value={form.title} maxLength={120} disabled={readOnly} onChange={(e: React.ChangeEvent<HTMLInputElement>) => set('title', e.target.value)} />
                  <Field.Error />
                </Field.Root>
                <Field.Root name="summary" hint={t('ed.field.summaryHint')} error={errors.summary}>
                  <Field.Label>{t('ed.field.summary')}</Field.Label>
                  <TextInput name="summary" value={form.summary} maxLength={200} disabled={readOnly} onChange={(e: React.ChangeEvent<HTMLInputElement>) => set('summary', e.target.value)} />
                  <Field.Hint />
                  <Field.Error />
                </Field.Root>
                <Field.Root name="body" hint={t('ed.field.bodyHint')} error={errors.body}>
                  <Flex justifyContent="space-between">
                    <Field.Label>{t('ed.field.body')}</Field.Label>
                    <Flex gap={1}>
                      <Button size="S" variant="tertiary" onClick={tool('heading')} disabled={readOnly}>{t('ed.tool.heading')}</Button>
                      <Button size="S" variant="tertiary" onClick={tool('list')} disabled={readOnly}>{t('ed.tool.list')}</Button>
                      <Button size="S" variant="tertiary" onClick={tool('bold')} disabled={readOnly}><b>{t('ed.tool.bold')}</b></Button>
                      <Button size="S" variant="tertiary" onClick={tool('italic')} disabled={readOnly}><i>{t('ed.tool.italic')}</i></Button>
                    </Flex>
                  </Flex>
                  <Textarea name="body" ref={bodyRef} value={form.bodyText} rows={10} disabled={readOnly} onChange={(e: React.ChangeEvent<HTMLTextAreaElement>) => set('bodyText', e.target.value)} />
                  <Field.Hint />
                  <Field.Error />
                </Field.Root>
                <Field.Root name="cover" error={errors.cover}>
                  <Field.Label>{t('ed.field.cover')}</Field.Label>
                  <Flex gap={3}>
                    {form.cover ? <img src={form.cover.url} alt="" style={{ height: 72, borderRadius: 4 }} /> : null}
                    <Button variant="secondary" startIcon={<ImageIcon />} disabled={readOnly || !MediaLibraryDialog} onClick={() => setPicking(true)}>
                      {t('ed.cover.choose')}
                    </Button>
                    {form.cover ? (
                      <Button variant="tertiary" disabled={readOnly} onClick={() => set('cover', null)}>
                        {t('ed.cover.remove')}
                      </Button>
                    ) : null}
                  </Flex>
                  <Field.Error />
                </Field.Root>
                <Field.Root name="audience">
                  <Field.Label>{t('ed.field.audience')}</Field.Label>
                  <Radio.Group value={form.audience} onValueChange={(v: string) => set('audience', v as any)} disabled={readOnly} aria-label={t('ed.field.audience')}>
                    <Flex gap={6}>
                      <Radio.Item value="all">{t('ed.audience.all')}</Radio.Item>
                      <Radio.Item value="tag">{t('ed.audience.tag')}</Radio.Item>
                      <Radio.Item value="tier">{t('ed.audience.tier')}</Radio.Item>
                    </Flex>
                  </Radio.Group>
                </Field.Root>
                {form.audience === 'tag' ? (
                  <Field.Root name="audienceTag" required error={errors.audienceTag}>
                    <Field.Label>{t('ed.field.tag')}</Field.Label>
                    <SingleSelect value={form.audienceTag} placeholder={t('ed.choose')} disabled={readOnly} onChange={(v: string | number) => set('audienceTag', String(v))}>
                      {(audiences.data?.tags ?? []).map((tag) => (
                        <SingleSelectOption key={tag.id} value={tag.id}>{tag.name}</SingleSelectOption>
                      ))}
                    </SingleSelect>
                    <Field.Error />
                  </Field.Root>
                ) : null}
                {form.audience === 'tier' ? (
                  <Field.Root name="audienceTier" required error={errors.audienceTier}>
                    <Field.Label>{t('ed.field.tier')}</Field.Label>
                    <SingleSelect value={form.audienceTier} placeholder={t('ed.choose')} disabled={readOnly} onChange={(v: string | number) => set('audienceTier', String(v))}>
                      {(audiences.data?.tiers ?? []).map((tier) => (
                        <SingleSelectOption key={tier.id} value={tier.id}>{tier.name}</SingleSelectOption>
                      ))}
                    </SingleSelect>
                    <Field.Error />
                  </Field.Root>
                ) : null}
                <Grid.Root gap={4}>
                  <Grid.Item col={6} s={12} direction="column" alignItems="stretch">
                    <Field.Root name="publishAt" hint={t('ed.field.publishAtHint')} error={errors.publishAt}>
                      <Field.Label>{t('ed.field.publishAt')}</Field.Label>
                      <TextInput name="publishAt" type="datetime-local" value={form.publishAt} disabled={readOnly} onChange={(e: React.ChangeEvent<HTMLInputElement>) => set('publishAt', e.target.value)} />
                      <Field.Hint />
                      <Field.Error />
                    </Field.Root>
                  </Grid.Item>
                  <Grid.Item col={6} s={12} direction="column" alignItems="stretch">
                    <Field.Root name="expireAt" hint={t('ed.field.expireAtHint')} error={errors.expireAt}>
                      <Field.Label>{t('ed.field.expireAt')}</Field.Label>
                      <TextInput name="expireAt" type="datetime-local" value={form.expireAt} disabled={readOnly} onChange={(e: React.ChangeEvent<HTMLInputElement>) => set('expireAt', e.target.value)} />
                      <Field.Hint />
                      <Field.Error />
                    </Field.Root>
                  </Grid.Item>
                </Grid.Root>
                <Field.Root name="pinned" hint={t('ed.pinnedHint')}>
                  <Field.Label>{t('ed.field.pinned')}</Field.Label>
                  <Toggle checked={form.pinned} onLabel={t('par.on')} offLabel={t('par.off')} disabled={readOnly} onChange={(e: React.ChangeEvent<HTMLInputElement>) => set('pinned', e.target.checked)} />
                  <Field.Hint />
                </Field.Root>
              </Flex>
            </Box>
          </Grid.Item>
          <Grid.Item col={5} s={12} direction="column" alignItems="stretch">
            <Box background="neutral0" hasRadius shadow="tableShadow" padding={5}>
              <Typography variant="delta" tag="h2">{t('ed.previewTitle')}</Typography>
              <Box paddingBottom={4}>
                <Typography variant="pi" textColor="neutral600">{t('ed.previewHint')}</Typography>
              </Box>
              <PhonePreview
                content={{
                  title: form.title,
                  summary: form.summary,
                  body: textToBlocks(form.bodyText),
                  coverUrl: form.cover?.url ?? null,
                  pinned: form.pinned,
                  publishedLabel,
                  audienceLabel: t('ed.preview.audience', { who: previewAudience }),
                }}
              />
            </Box>
          </Grid.Item>
        </Grid.Root>
        {picking && MediaLibraryDialog ? (
          <MediaLibraryDialog
            allowedTypes={['images']}
            multiple={false}
            onClose={() => setPicking(false)}
            onSelectAssets={(assets: any[]) => {
              const a = assets?.[0];
              if (a) setForm((f) => ({ ...f, cover: { id: a.id, url: a.url } }));
              setPicking(false);
            }}
          />
        ) : null}
      </Layouts.Content>
    </Page.Main>
  );
};
