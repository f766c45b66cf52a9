import { useState } from 'react';
import { Field, Flex, NumberInput, SingleSelect, SingleSelectOption, TextInput, Toggle, Typography } from '@strapi/design-system';
import { api, type TagForm, type TagRecord } from '../../../api/client';
import { ActionDialog } from '../../../components/ActionDialog';
import { useT } from '../../../utils/useT';
import { describeRule } from './describeRule';

/** Create a tag or change its rule; the server checks the rule across fields. */
export function TagDialog({ tag, onClose, onSaved }: { tag: TagRecord | null; onClose: () => void; onSaved: () => void }) {
  const { t } = useT();
  const [form, setForm] = useState<TagForm>(
    tag
      ? { name: tag.name, color: tag.color, description: tag.description, rule: tag.rule, threshold: tag.threshold, days: tag.days, validDays: tag.validDays, removeWhenUnqualified: tag.removeWhenUnqualified }
      : { name: '', color: '#4945ff', description: null, rule: 'none', threshold: null, days: 30, validDays: null, removeWhenUnqualified: false },
  );
  const set = <K extends keyof TagForm>(k: K, v: TagForm[K]) => setForm((f) => ({ ...f, [k]: v }));
  const spend = form.rule === 'spend_above';

  return (
    <ActionDialog
      open
      onClose={onClose}
      title={tag ? t('tags.editTitle', { name: tag.name }) : t('tags.new')}
      confirmLabel={t('tags.save')}
      canConfirm={form.name.trim().length > 0}
      onConfirm={async () => {
        const body: TagForm = form.rule === 'none' ? { ...form, threshold: null, removeWhenUnqualified: false } : form;
        if (tag) await api.tags.update(tag.id, body);
        else await api.tags.create(body);
        onSaved();
      }}
    >
      <Field.Root name="tagName" required>
        <Field.Label>{t('tags.field.name')}</Field.Label>
        <TextInput value={form.name} onChange={(e: any) => set('name', e.target.value)} />
      </Field.Root>
      <Flex gap={4}>
        <Field.Root name="tagColor" style={{ flex: 1 }}>
          <Field.Label>{t('tags.field.color')}</Field.Label>
          <TextInput value={form.color ?? ''} onChange={(e: any) => set('color', e.target.value || null)} placeholder="#4945ff" />
        </Field.Root>
        <Field.Root name="tagRule" style={{ flex: 2 }}>
          <Field.Label>{t('tags.field.rule')}</Field.Label>
          <SingleSelect value={form.rule} onChange={(v: any) => set('rule', v)}>
            <SingleSelectOption value="none">{t('tags.rule.none')}</SingleSelectOption>
            <SingleSelectOption value="spend_above">{t('tags.rule.spendOption')}</SingleSelectOption>
            <SingleSelectOption value="no_shows">{t('tags.rule.noShowsOption')}</SingleSelectOption>
          </SingleSelect>
        </Field.Root>
      </Flex>
      {form.rule !== 'none' ? (
        <>
          <Flex gap={4}>
            <Field.Root name="tagThreshold" required style={{ flex: 1 }} hint={spend ? t('tags.field.spendHint') : undefined}>
              <Field.Label>{spend ? t('tags.field.spend') : t('tags.field.noShows')}</Field.Label>
              <NumberInput
                value={form.threshold == null ? undefined : spend ? form.threshold / 100 : form.threshold}
                onValueChange={(v: number | undefined) => set('threshold', v === undefined ? null : spend ? Math.round(v * 100) : v)}
              />
              <Field.Hint />
            </Field.Root>
            <Field.Root name="tagDays" required style={{ flex: 1 }}>
              <Field.Label>{t('tags.field.days')}</Field.Label>
              <NumberInput value={form.days ?? undefined} onValueChange={(v: number | undefined) => set('days', v ?? null)} />
            </Field.Root>
            <Field.Root name="tagValidDays" style={{ flex: 1 }} hint={t('tags.field.validDaysHint')}>
              <Field.Label>{t('tags.field.validDays')}</Field.Label>
              <NumberInput value={form.validDays ?? undefined} onValueChange={(v: number | undefined) => set('validDays', v ?? null)} />
              <Field.Hint />
            </Field.Root>
          </Flex>
          <Field.Root name="tagRemoves" hint={t('tags.field.removesHint')}>
            <Field.Label>{t('tags.field.removes')}</Field.Label>
            <Toggle checked={form.removeWhenUnqualified} onLabel={t('coupons.on')} offLabel={t('coupons.off')} onChange={(e: any) => set('removeWhenUnqualified', e.target.checked)} />
            <Field.Hint />
          </Field.Root>
          <Typography variant="pi" textColor="neutral600">{describeRule(form, t)}</Typography>
        </>
      ) : null}
    </ActionDialog>
  );
}
