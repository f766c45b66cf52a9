import * as React from 'react';
import { Box, Button, Field, Flex, Grid, NumberInput, TextInput, Toggle, Typography } from '@strapi/design-system';
import { Layouts, Page, useNotification, useRBAC } from '@strapi/strapi/admin';
import { ApiError, contentApi, type ParametersAnswer } from '../../api/client';
import { ErrorState, Loading } from '../../components/States';
import { PERMISSIONS } from '../../utils/permissions';
import { useRequest } from '../../utils/useRequest';
import { useRefusal, useT } from '../../utils/useT';
import { PARAMETER_GROUPS } from './groups';

type Values = Record<string, unknown>;

/** 参数设置 Parameters: every business rule grouped by topic, checked across fields by the server. */
const ParametersPage = () => {
  const t = useT();
  const refusal = useRefusal();
  const tt = t as (key: string, values?: Record<string, string | number>) => string;
  const { toggleNotification } = useNotification();
  const canUpdate = !!useRBAC(PERMISSIONS.updateParameters).allowedActions.canUpdate;
  const answer = useRequest(() => contentApi.parameters(), []);
  const [saved, setSaved] = React.useState<ParametersAnswer | null>(null);
  const [draft, setDraft] = React.useState<Values>({});
  const [errors, setErrors] = React.useState<Record<string, string>>({});
  const [busy, setBusy] = React.useState(false);
  const base = saved ?? answer.data;

  React.useEffect(() => {
    if (answer.data) setSaved(answer.data);
  }, [answer.data]);

  if (answer.loading && !base) return <Loading />;
  if (answer.error || !base) return <ErrorState error={answer.error ?? new Error('—')} onRetry={answer.reload} />;

  const value = (f: string) => (f in draft ? draft[f] : base.values[f]);
  const changed = Object.keys(draft).filter((f) => draft[f] !== base.values[f]);
  const set = (f: string, v: unknown) => {
    setDraft((d) => ({ ...d, [f]: v }));
    setErrors((e) => {
      const { [f]: _, ...rest } = e;
      return rest;
    });
  };

  async function save() {
    setBusy(true);
    try {
      const next = await contentApi.saveParameters(Object.fromEntries(changed.map((f) => [f, draft[f]])));
      setSaved(next);
      setDraft({});
      setErrors({});
      toggleNotification({ type: 'success', message: t('par.saved') });
    } catch (e: any) {
      const list: { field: string; message: string }[] = (e instanceof ApiError && e.details?.errors) || [];
      if (list.length) setErrors(Object.fromEntries(list.map((x) => [x.field, x.message])));
      toggleNotification({ type: 'danger', message: `${t('par.problems')} ${refusal(e)}` });
    } finally {
      setBusy(false);
    }
  }

  const hint = (f: string) => {
    const spec = base.fields[f];
    const parts = [tt(`par.${f}.help`)];
    if (spec?.type === 'integer' && spec.min !== null) parts.push(spec.max !== null ? t('par.range', { min: spec.min, max: spec.max }) : t('par.min', { min: spec.min }));
    if (f.endsWith('_fen') && typeof value(f) === 'number') parts.push(t('par.yuan', { yuan: ((value(f) as number) / 100).toFixed(2) }));
    return parts.join(' · ');
  };

  const input = (f: string) => {
    const spec = base.fields[f];
    if (!spec) return null;
    const label = tt(`par.${f}`);
    if (spec.type === 'boolean') {
      return (
        <Field.Root name={f} hint={hint(f)} error={errors[f]}>
          <Field.Label>{label}</Field.Label>
          <Toggle checked={!!value(f)} onLabel={t('par.on')} offLabel={t('par.off')} disabled={!canUpdate} onChange={(e: React.ChangeEvent<HTMLInputElement>) => set(f, e.target.checked)} />
          <Field.Hint />
          <Field.Error />
        </Field.Root>
      );
    }
    if (spec.type === 'integer') {
      const v = value(f);
      return (
        <Field.Root name={f} hint={hint(f)} error={errors[f]} required={spec.required}>
          <Field.Label>{label}</Field.Label>
          <NumberInput value={v === null || v === undefined ? undefined : (v as number)} disabled={!canUpdate} onValueChange={(n: number | undefined) => set(f, n === undefined ? null : Math.round(n))} />
          <Field.Hint />
          <Field.Error />
        </Field.Root>
      );
    }
    return (
      <Field.Root name={f} hint={hint(f)} error={errors[f]} required={spec.required}>
        <Field.Label>{label}</Field.Label>
        <TextInput value={(value(f) as string) ?? ''} disabled={!canUpdate} onChange={(e: React.ChangeEvent<HTMLInputElement>) => set(f, e.target.value)} />
        <Field.Hint />
        <Field.Error />
      </Field.Root>
    );
  };

  return (
    <Page.Main>
      <Page.Title>{t('par.title')}</Page.Title>
      <Layouts.Header
        title={t('par.title')}
        subtitle={t('par.subtitle')}
        primaryAction={
          canUpdate ? (
            <Flex gap={2}>
              {changed.length ? <Typography variant="pi" textColor="warning700">{t('par.changed', { n: changed.length })}</Typography> : null}
              <Button variant="tertiary" disabled={!changed.length || busy} onClick={() => (setDraft({}), setErrors({}))}>
                {t('par.reset')}
              </Button>
              <Button disabled={!changed.length} loading={busy} onClick={save} data-testid="save-parameters">
                {t('par.save')}
              </Button>
            </Flex>
          ) : undefined
        }
      />
      <Layouts.Content>
        <Flex direction="column" alignItems="stretch" gap={4}>
          {PARAMETER_GROUPS.map((g) => (
            <Box key={g.id} background="neutral0" hasRadius shadow="tableShadow" padding={6} data-group={g.id}>
              <Typography variant="delta" tag="h2">
                {tt(`par.group.${g.id}`)}
              </Typography>
              <Box paddingTop={4}>
                <Grid.Root gap={5}>
                  {g.fields.map((f) => (
                    <Grid.Item key={f} col={f === 'customer_service_contact' ? 12 : 4} s={12} direction="column" alignItems="stretch" data-field={f}>
                      {input(f)}
                    </Grid.Item>
                  ))}
                </Grid.Root>
              </Box>
            </Box>
          ))}
        </Flex>
      </Layouts.Content>
    </Page.Main>
  );
};

export default function ProtectedParametersPage() {
  return (
    <Page.Protect permissions={PERMISSIONS.readParameters}>
      <ParametersPage />
    </Page.Protect>
  );
}
