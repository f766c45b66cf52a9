import { useEffect, useState } from 'react';
import {
  Box,
  Button,
  DateTimePicker,
  Field,
  Flex,
  Grid,
  MultiSelect,
  MultiSelectOption,
  NumberInput,
  SingleSelect,
  SingleSelectOption,
  Textarea,
  TextInput,
  Toggle,
  Typography,
} from '@strapi/design-system';
import { ArrowLeft, ChartPie, Check } from '@strapi/icons';
import { Layouts, Page, useNotification, useRBAC } from '@strapi/strapi/admin';
import { useNavigate, useParams } from 'react-router-dom';
import { api, type CouponTemplateForm, type CouponTemplateRecord } from '../../../api/client';
import { Section } from '../../../components/Section';
import { Failed, Loading } from '../../../components/States';
import { PERMISSIONS } from '../../../utils/permissions';
import { useT } from '../../../utils/useT';
import { describeTerms } from './describe';
import { DistributePanel } from './DistributePanel';

const EMPTY: CouponTemplateForm = {
  name: '',
  description: null,
  kind: 'amount_off',
  amount_off_fen: null,
  percent_off: null,
  max_discount_fen: null,
  free_hours: null,
  min_spend_fen: 0,
  applies_to: 'booking',
  rooms: [],
  valid_from: null,
  valid_to: null,
  valid_days_after_issue: 30,
  per_member_limit: 1,
  issue_on_signup: false,
  issue_on_recharge_min_fen: null,
  active: true,
};

const formOf = (x: CouponTemplateRecord): CouponTemplateForm => {
  const { documentId: _d, updatedAt: _u, stats: _s, rooms, ...rest } = x;
  return { ...rest, rooms: rooms.map((r) => r.id) };
};

/** Money is typed in yuan and kept in fen. */
const toFen = (yuan: number | undefined) => (yuan === undefined || Number.isNaN(yuan) ? null : Math.round(yuan * 100));
const toYuan = (fen: number | null) => (fen == null ? undefined : fen / 100);

/** The template editor (new or existing); under an existing template, its hand-outs. */
export function TemplateEditor() {
  const { id } = useParams();
  const isNew = !id || id === 'new';
  const { t, refusal } = useT();
  const navigate = useNavigate();
  const { toggleNotification } = useNotification();
  const rbac = useRBAC([...PERMISSIONS.manageCoupons, ...PERMISSIONS.issueCoupons]);
  const canEdit = Boolean(rbac.allowedActions.canManage);
  const [form, setForm] = useState<CouponTemplateForm>(EMPTY);
  const [saved, setSaved] = useState<CouponTemplateRecord | null>(null);
  const [rooms, setRooms] = useState<{ documentId: string; name: string }[]>([]);
  const [loading, setLoading] = useState(!isNew);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);

  useEffect(() => {
    void api.coupons.rooms().then(setRooms).catch(() => setRooms([]));
    if (isNew) return;
    setLoading(true);
    api.coupons
      .get(id!)
      .then((x) => { setSaved(x); setForm(formOf(x)); })
      .catch(setLoadError)
      .finally(() => setLoading(false));
  }, [id, isNew]);

  const set = <K extends keyof CouponTemplateForm>(key: K, value: CouponTemplateForm[K]) => setForm((f) => ({ ...f, [key]: value }));
  const err = (field: string) => errors[field];

  const setKind = (kind: CouponTemplateForm['kind']) =>
    setForm((f) => ({ ...f, kind, amount_off_fen: null, percent_off: null, max_discount_fen: null, free_hours: null, applies_to: kind === 'free_hours' ? 'booking' : f.applies_to }));

  const save = async () => {
    setBusy(true);
    setErrors({});
    setFormError(null);
    try {
      const result = isNew ? await api.coupons.create(form) : await api.coupons.update(id!, form);
      toggleNotification({ type: 'success', message: t('coupons.saved') });
      setSaved(result);
      setForm(formOf(result));
      if (isNew) navigate(`../${result.documentId}`, { replace: true });
    } catch (e) {
      const list = (e as any)?.response?.data?.error?.details?.errors as { path: string[]; message: string }[] | undefined;
      if (list?.length) setErrors(Object.fromEntries(list.map((x) => [x.path[0], x.message])));
      setFormError(refusal(e));
    } finally {
      setBusy(false);
    }
  };

  if (loading) return <Page.Loading />;
  if (loadError) return <Failed message={refusal(loadError)} />;

  const title = isNew ? t('coupons.new') : form.name || t('coupons.title');
  return (
    <Page.Main>
      <Page.Title>{title}</Page.Title>
      <Layouts.Header
        navigationAction={<Box><Button variant="tertiary" startIcon={<ArrowLeft />} onClick={() => navigate('..')}>{t('coupons.back')}</Button></Box>}
        title={title}
        subtitle={saved ? describeTerms(form, t) : t('coupons.editorSubtitle')}
        primaryAction={
          <Flex gap={2}>
            {saved ? <Button variant="secondary" startIcon={<ChartPie />} onClick={() => navigate(`../${saved.documentId}/analytics`)}>{t('coupons.analytics')}</Button> : null}
            {canEdit ? <Button startIcon={<Check />} loading={busy} onClick={save}>{t('coupons.save')}</Button> : null}
          </Flex>
        }
      />
      <Layouts.Content>
        <Flex direction="column" alignItems="stretch" gap={6}>
          {formError ? (
            <Box background="danger100" padding={3} hasRadius role="alert">
              <Typography textColor="danger700">{formError}</Typography>
            </Box>
          ) : null}
          <Section title={t('coupons.section.what')}>
            <Grid.Root gap={5}>
              <Grid.Item col={6} s={12} direction="column" alignItems="stretch">
                <Field.Root name="name" required error={err('name')}>
                  <Field.Label>{t('coupons.field.name')}</Field.Label>
                  <TextInput value={form.name} disabled={!canEdit} onChange={(e: any) => set('name', e.target.value)} placeholder={t('coupons.field.namePlaceholder')} />
                  <Field.Error />
                </Field.Root>
              </Grid.Item>
              <Grid.Item col={6} s={12} direction="column" alignItems="stretch">
                <Field.Root name="kind" required hint={t(`coupons.kindHint.${form.kind}` as any)}>
                  <Field.Label>{t('coupons.field.kind')}</Field.Label>
                  <SingleSelect value={form.kind} disabled={!canEdit} onChange={(v: any) => setKind(v)}>
                    <SingleSelectOption value="amount_off">{t('coupons.kind.amount_off')}</SingleSelectOption>
                    <SingleSelectOption value="percent_off">{t('coupons.kind.percent_off')}</SingleSelectOption>
                    <SingleSelectOption value="free_hours">{t('coupons.kind.free_hours')}</SingleSelectOption>
                  </SingleSelect>
                  <Field.Hint />
                </Field.Root>
              </Grid.Item>
              {form.kind === 'amount_off' ? (
                <Grid.Item col={6} s={12} direction="column" alignItems="stretch">
                  <Field.Root name="amount_off_fen" required error={err('amount_off_fen')}>
                    <Field.Label>{t('coupons.field.amountOff')}</Field.Label>
                    <NumberInput value={toYuan(form.amount_off_fen)} disabled={!canEdit} step={1} onValueChange={(v: number | undefined) => set('amount_off_fen', toFen(v))} />
                    <Field.Error />
                  </Field.Root>
                </Grid.Item>
              ) : form.kind === 'percent_off' ? (
                <>
                  <Grid.Item col={3} s={6} direction="column" alignItems="stretch">
                    <Field.Root name="percent_off" required error={err('percent_off')}>
                      <Field.Label>{t('coupons.field.percentOff')}</Field.Label>
                      <NumberInput value={form.percent_off ?? undefined} disabled={!canEdit} onValueChange={(v: number | undefined) => set('percent_off', v ?? null)} />
                      <Field.Error />
                    </Field.Root>
                  </Grid.Item>
                  <Grid.Item col={3} s={6} direction="column" alignItems="stretch">
                    <Field.Root name="max_discount_fen" error={err('max_discount_fen')} hint={t('coupons.field.capHint')}>
                      <Field.Label>{t('coupons.field.cap')}</Field.Label>
                      <NumberInput value={toYuan(form.max_discount_fen)} disabled={!canEdit} onValueChange={(v: number | undefined) => set('max_discount_fen', toFen(v))} />
                      <Field.Hint />
                      <Field.Error />
                    </Field.Root>
                  </Grid.Item>
                </>
              ) : (
                <Grid.Item col={6} s={12} direction="column" alignItems="stretch">
                  <Field.Root name="free_hours" required error={err('free_hours')}>
                    <Field.Label>{t('coupons.field.freeHours')}</Field.Label>
                    <NumberInput value={form.free_hours ?? undefined} disabled={!canEdit} onValueChange={(v: number | undefined) => set('free_hours', v ?? null)} />
                    <Field.Error />
                  </Field.Root>
                </Grid.Item>
              )}
              <Grid.Item col={6} s={12} direction="column" alignItems="stretch">
                <Field.Root name="min_spend_fen" error={err('min_spend_fen')} hint={t('coupons.field.minSpendHint')}>
                  <Field.Label>{t('coupons.field.minSpend')}</Field.Label>
                  <NumberInput value={toYuan(form.min_spend_fen)} disabled={!canEdit} onValueChange={(v: number | undefined) => set('min_spend_fen', toFen(v) ?? 0)} />
                  <Field.Hint />
                  <Field.Error />
                </Field.Root>
              </Grid.Item>
              <Grid.Item col={6} s={12} direction="column" alignItems="stretch">
                <Field.Root name="applies_to" error={err('applies_to')}>
                  <Field.Label>{t('coupons.field.appliesTo')}</Field.Label>
                  <SingleSelect value={form.applies_to} disabled={!canEdit} onChange={(v: any) => set('applies_to', v)}>
                    <SingleSelectOption value="booking">{t('coupons.appliesTo.booking')}</SingleSelectOption>
                    <SingleSelectOption value="recharge">{t('coupons.appliesTo.recharge')}</SingleSelectOption>
                    <SingleSelectOption value="any">{t('coupons.appliesTo.any')}</SingleSelectOption>
                  </SingleSelect>
                  <Field.Error />
                </Field.Root>
              </Grid.Item>
              <Grid.Item col={6} s={12} direction="column" alignItems="stretch">
                <Field.Root name="rooms" error={err('rooms')} hint={t('coupons.field.roomsHint')}>
                  <Field.Label>{t('coupons.field.rooms')}</Field.Label>
                  <MultiSelect value={form.rooms} disabled={!canEdit || form.applies_to === 'recharge'} placeholder={t('coupons.field.anyRoom')} onChange={(v: string[]) => set('rooms', v)} withTags>
                    {rooms.map((r) => (
                      <MultiSelectOption key={r.documentId} value={r.documentId}>{r.name}</MultiSelectOption>
                    ))}
                  </MultiSelect>
                  <Field.Hint />
                  <Field.Error />
                </Field.Root>
              </Grid.Item>
              <Grid.Item col={12} direction="column" alignItems="stretch">
                <Field.Root name="description" hint={t('coupons.field.descriptionHint')}>
                  <Field.Label>{t('coupons.field.description')}</Field.Label>
                  <Textarea value={form.description ?? ''} disabled={!canEdit} onChange={(e: any) => set('description', e.target.value || null)} />
                  <Field.Hint />
                </Field.Root>
              </Grid.Item>
            </Grid.Root>
          </Section>

          <Section title={t('coupons.section.validity')}>
            <Grid.Root gap={5}>
              <Grid.Item col={4} s={12} direction="column" alignItems="stretch">
                <Field.Root name="valid_from" error={err('valid_from')} hint={t('coupons.field.validFromHint')}>
                  <Field.Label>{t('coupons.field.validFrom')}</Field.Label>
                  <DateTimePicker value={form.valid_from ? new Date(form.valid_from) : undefined} disabled={!canEdit} onChange={(d: Date | undefined) => set('valid_from', d ? d.toISOString() : null)} onClear={() => set('valid_from', null)} />
                  <Field.Hint />
                  <Field.Error />
                </Field.Root>
              </Grid.Item>
              <Grid.Item col={4} s={12} direction="column" alignItems="stretch">
                <Field.Root name="valid_to" error={err('valid_to')} hint={t('coupons.field.validToHint')}>
                  <Field.Label>{t('coupons.field.validTo')}</Field.Label>
                  <DateTimePicker value={form.valid_to ? new Date(form.valid_to) : undefined} disabled={!canEdit} onChange={(d: Date | undefined) => set('valid_to', d ? d.toISOString() : null)} onClear={() => set('valid_to', null)} />
                  <Field.Hint />
                  <Field.Error />
                </Field.Root>
              </Grid.Item>
              <Grid.Item col={4} s={12} direction="column" alignItems="stretch">
                <Field.Root name="valid_days_after_issue" error={err('valid_days_after_issue')} hint={t('coupons.field.validDaysHint')}>
                  <Field.Label>{t('coupons.field.validDays')}</Field.Label>
                  <NumberInput value={form.valid_days_after_issue ?? undefined} disabled={!canEdit} onValueChange={(v: number | undefined) => set('valid_days_after_issue', v ?? null)} />
                  <Field.Hint />
                  <Field.Error />
                </Field.Root>
              </Grid.Item>
              <Grid.Item col={4} s={12} direction="column" alignItems="stretch">
                <Field.Root name="per_member_limit" error={err('per_member_limit')} hint={t('coupons.field.limitHint')}>
                  <Field.Label>{t('coupons.field.limit')}</Field.Label>
                  <NumberInput value={form.per_member_limit ?? undefined} disabled={!canEdit} onValueChange={(v: number | undefined) => set('per_member_limit', v ?? 1)} />
                  <Field.Hint />
                  <Field.Error />
                </Field.Root>
              </Grid.Item>
              <Grid.Item col={4} s={12} direction="column" alignItems="stretch">
                <Field.Root name="active" hint={t('coupons.field.activeHint')}>
                  <Field.Label>{t('coupons.field.active')}</Field.Label>
                  <Toggle checked={form.active} disabled={!canEdit} onLabel={t('coupons.on')} offLabel={t('coupons.off')} onChange={(e: any) => set('active', e.target.checked)} />
                  <Field.Hint />
                </Field.Root>
              </Grid.Item>
            </Grid.Root>
          </Section>

          <Section title={t('coupons.section.auto')}>
            <Grid.Root gap={5}>
              <Grid.Item col={6} s={12} direction="column" alignItems="stretch">
                <Field.Root name="issue_on_signup" hint={t('coupons.field.signupHint')}>
                  <Field.Label>{t('coupons.field.signup')}</Field.Label>
                  <Toggle checked={form.issue_on_signup} disabled={!canEdit} onLabel={t('coupons.on')} offLabel={t('coupons.off')} onChange={(e: any) => set('issue_on_signup', e.target.checked)} />
                  <Field.Hint />
                </Field.Root>
              </Grid.Item>
              <Grid.Item col={6} s={12} direction="column" alignItems="stretch">
                <Field.Root name="issue_on_recharge_min_fen" error={err('issue_on_recharge_min_fen')} hint={t('coupons.field.rechargeHint')}>
                  <Field.Label>{t('coupons.field.recharge')}</Field.Label>
                  <NumberInput value={toYuan(form.issue_on_recharge_min_fen ?? null)} disabled={!canEdit} onValueChange={(v: number | undefined) => set('issue_on_recharge_min_fen', toFen(v))} />
                  <Field.Hint />
                  <Field.Error />
                </Field.Root>
              </Grid.Item>
            </Grid.Root>
          </Section>

          {saved && rbac.allowedActions.canIssue ? <DistributePanel template={saved} /> : null}
        </Flex>
      </Layouts.Content>
    </Page.Main>
  );
}
