import * as React from 'react';
import { Box, Button, Field, Flex, Grid, Link as DSLink, Modal, NumberInput, SingleSelect, SingleSelectOption, Textarea, TextInput, Typography } from '@strapi/design-system';
import { ArrowLeft, Check, GridNine, Plus, Trash } from '@strapi/icons';
import { Layouts, Page, useNotification, useRBAC } from '@strapi/strapi/admin';
import { Link, useParams } from 'react-router-dom';
import { roomSetupApi, SEAT_TYPES, type AffectedBooking, type Closure, type RoomSettingsInput, type RoomSetup } from '../../../api/client';
import { ErrorState, Loading } from '../../../components/States';
import { clockOf, dayClockOf } from '../../../utils/format';
import { PERMISSIONS } from '../../../utils/permissions';
import { useRequest } from '../../../utils/useRequest';
import { useRefusal, useT } from '../../../utils/useT';
import { PhotoPicker } from './PhotoPicker';

type Photo = RoomSetup['photos'][number];
interface Draft extends Omit<RoomSettingsInput, 'photos' | 'prices'> {
  photos: Photo[];
  /** Price per seat type in yuan as typed ('' = no price: that seat type cannot be booked). */
  prices: Record<string, string>;
}

const toDraft = (r: RoomSetup): Draft => ({
  name: r.name,
  kind: r.kind,
  state: r.state,
  floor: r.floor,
  address: r.address,
  description: r.description,
  sort: r.sort,
  photos: r.photos,
  openingHours: [...r.openingHours].sort((a, b) => a.weekday - b.weekday || a.opens.localeCompare(b.opens)),
  prices: Object.fromEntries(r.prices.map((p) => [p.seatType, (p.price_per_hour_fen / 100).toString()])),
  closures: r.closures.map((c) => ({ ...c, reason: c.reason ?? '' })),
});

const toInput = (d: Draft): RoomSettingsInput => ({
  ...d,
  floor: d.floor || null,
  address: d.address || null,
  description: d.description || null,
  photos: d.photos.map((p) => p.id),
  prices: SEAT_TYPES.filter((k) => d.prices[k] !== undefined && d.prices[k] !== '').map((k) => ({ seatType: k, price_per_hour_fen: Math.round(Number(d.prices[k]) * 100) })),
  closures: d.closures.map((c) => ({ starts_on: c.starts_on, ends_on: c.ends_on, reason: c.reason?.trim() || null })),
});

/** A room's page: settings, photos from the media library, opening hours, prices and closures. */
export function RoomDetail() {
  const { id = '' } = useParams();
  const { data, error, loading, reload } = useRequest(() => roomSetupApi.detail(id), [id]);
  if (loading && !data) return <Page.Main><Loading /></Page.Main>;
  if (error || !data) return <Page.Main><Box padding={8}><ErrorState error={error ?? new Error('—')} onRetry={reload} /></Box></Page.Main>;
  return <RoomForm key={JSON.stringify(data)} room={data} onSaved={reload} />;
}

function RoomForm({ room, onSaved }: { room: RoomSetup; onSaved: () => void }) {
  const t = useT();
  const refusal = useRefusal();
  const { toggleNotification } = useNotification();
  const canManage = useRBAC(PERMISSIONS.manageRooms).allowedActions.canManage;
  const [draft, setDraft] = React.useState<Draft>(() => toDraft(room));
  const [saving, setSaving] = React.useState(false);
  const [affected, setAffected] = React.useState<AffectedBooking[] | null>(null);
  const [picker, setPicker] = React.useState(false);
  const set = <K extends keyof Draft>(k: K, v: Draft[K]) => setDraft((d) => ({ ...d, [k]: v }));
  const closuresChanged = JSON.stringify(toInput(draft).closures) !== JSON.stringify(toInput(toDraft(room)).closures);

  async function submit(cancelAffected: { reason: string } | null) {
    setSaving(true);
    try {
      const res = await roomSetupApi.update(room.id, { ...toInput(draft), cancelAffected });
      toggleNotification({ type: 'success', message: res.meta.cancelled.length ? t('room.savedCancelled', { n: res.meta.cancelled.length }) : t('room.saved') });
      setAffected(null);
      onSaved();
    } catch (e: any) {
      toggleNotification({ type: 'danger', message: refusal(e) });
    } finally {
      setSaving(false);
    }
  }

  async function save() {
    if (closuresChanged && draft.closures.length > 0) {
      try {
        const hits = await roomSetupApi.closureImpact(room.id, toInput(draft).closures);
        if (hits.length > 0) return setAffected(hits);
      } catch (e: any) {
        return toggleNotification({ type: 'danger', message: refusal(e) });
      }
    }
    await submit(null);
  }

  const disabled = !canManage;
  return (
    <Page.Main>
      <Page.Title>{room.name}</Page.Title>
      <Layouts.Header
        navigationAction={<DSLink tag={Link} to="/plugins/booking/rooms" startIcon={<ArrowLeft />}>{t('rooms.title')}</DSLink>}
        title={room.name}
        subtitle={t('room.subtitle', { seats: room.enabledSeats, total: room.seatCount })}
        secondaryAction={
          <Button variant="secondary" startIcon={<GridNine />} tag={Link} to={`/plugins/booking/layout/${room.id}`}>
            {t('room.editLayout')}
          </Button>
        }
        primaryAction={canManage ? <Button startIcon={<Check />} loading={saving} onClick={save} data-action="save-room">{t('room.save')}</Button> : null}
      />
      <Layouts.Content>
        <Flex direction="column" alignItems="stretch" gap={4}>
          <Section title={t('room.basics')}>
            <Grid.Root gap={4}>
              <Grid.Item col={6} s={12}>
                <Field.Root name="name" required style={{ width: '100%' }}>
                  <Field.Label>{t('room.name')}</Field.Label>
                  <TextInput value={draft.name} disabled={disabled} onChange={(e: any) => set('name', e.target.value)} />
                </Field.Root>
              </Grid.Item>
              <Grid.Item col={3} s={6}>
                <Field.Root name="kind" style={{ width: '100%' }}>
                  <Field.Label>{t('room.kind')}</Field.Label>
                  <SingleSelect value={draft.kind} disabled={disabled} onChange={(v: any) => set('kind', v)}>
                    <SingleSelectOption value="hall">{t('rooms.kind.hall')}</SingleSelectOption>
                    <SingleSelectOption value="private">{t('rooms.kind.private')}</SingleSelectOption>
                  </SingleSelect>
                </Field.Root>
              </Grid.Item>
              <Grid.Item col={3} s={6}>
                <Field.Root name="state" style={{ width: '100%' }} hint={t('room.stateHint')}>
                  <Field.Label>{t('room.state')}</Field.Label>
                  <SingleSelect value={draft.state} disabled={disabled} onChange={(v: any) => set('state', v)}>
                    <SingleSelectOption value="open">{t('rooms.state.open')}</SingleSelectOption>
                    <SingleSelectOption value="maintenance">{t('rooms.state.maintenance')}</SingleSelectOption>
                  </SingleSelect>
                  <Field.Hint />
                </Field.Root>
              </Grid.Item>
              <Grid.Item col={3} s={6}>
                <Field.Root name="floor" style={{ width: '100%' }}>
                  <Field.Label>{t('room.floor')}</Field.Label>
                  <TextInput value={draft.floor ?? ''} disabled={disabled} onChange={(e: any) => set('floor', e.target.value)} />
                </Field.Root>
              </Grid.Item>
              <Grid.Item col={7} s={12}>
                <Field.Root name="address" style={{ width: '100%' }}>
                  <Field.Label>{t('room.address')}</Field.Label>
                  <TextInput value={draft.address ?? ''} disabled={disabled} onChange={(e: any) => set('address', e.target.value)} />
                </Field.Root>
              </Grid.Item>
              <Grid.Item col={2} s={6}>
                <Field.Root name="sort" style={{ width: '100%' }}>
                  <Field.Label>{t('room.sort')}</Field.Label>
                  <NumberInput value={draft.sort} disabled={disabled} onValueChange={(v: number | undefined) => set('sort', v ?? 0)} />
                </Field.Root>
              </Grid.Item>
              <Grid.Item col={12}>
                <Field.Root name="description" style={{ width: '100%' }}>
                  <Field.Label>{t('room.description')}</Field.Label>
                  <Textarea value={draft.description ?? ''} disabled={disabled} onChange={(e: any) => set('description', e.target.value)} />
                </Field.Root>
              </Grid.Item>
            </Grid.Root>
          </Section>

          <Section title={t('room.photos')} action={canManage ? <Button variant="secondary" size="S" startIcon={<Plus />} onClick={() => setPicker(true)}>{t('room.addPhotos')}</Button> : null}>
            {draft.photos.length === 0 ? (
              <Typography textColor="neutral600">{t('room.noPhotos')}</Typography>
            ) : (
              <Flex gap={3} wrap="wrap">
                {draft.photos.map((p, i) => (
                  <Box key={p.id} position="relative" data-photo={p.id}>
                    <img src={p.url} alt={p.alt ?? p.name ?? ''} style={{ width: 180, height: 120, objectFit: 'cover', borderRadius: 4, display: 'block' }} />
                    {i === 0 ? <Box position="absolute" top={1} left={1} background="primary600" paddingLeft={2} paddingRight={2} hasRadius><Typography variant="pi" textColor="neutral0">{t('room.cover')}</Typography></Box> : null}
                    {canManage ? (
                      <Box position="absolute" top={1} right={1}>
                        <Button size="S" variant="danger-light" aria-label={t('room.removePhoto')} onClick={() => set('photos', draft.photos.filter((x) => x.id !== p.id))}><Trash /></Button>
                      </Box>
                    ) : null}
                  </Box>
                ))}
              </Flex>
            )}
          </Section>

          <Grid.Root gap={4}>
            <Grid.Item col={7} s={12} direction="column" alignItems="stretch">
              <Section title={t('room.hours')} action={canManage ? <Button variant="secondary" size="S" startIcon={<Plus />} onClick={() => set('openingHours', [...draft.openingHours, { weekday: 1, opens: '08:00', closes: '22:00' }])}>{t('room.addHours')}</Button> : null}>
                {draft.openingHours.length === 0 ? <Typography textColor="danger600">{t('room.noHoursWarning')}</Typography> : null}
                {draft.openingHours.map((h, i) => (
                  <Flex key={i} gap={2} paddingBottom={2} alignItems="flex-end">
                    <Box style={{ width: 120 }}>
                      <SingleSelect aria-label={t('room.weekday')} value={String(h.weekday)} disabled={disabled} onChange={(v: any) => set('openingHours', draft.openingHours.map((x, k) => (k === i ? { ...x, weekday: Number(v) } : x)))}>
                        {[1, 2, 3, 4, 5, 6, 7].map((d) => <SingleSelectOption key={d} value={String(d)}>{t(`rooms.weekday.${d}` as any)}</SingleSelectOption>)}
                      </SingleSelect>
                    </Box>
                    <TextInput aria-label={t('room.opens')} value={h.opens} placeholder="08:00" disabled={disabled} onChange={(e: any) => set('openingHours', draft.openingHours.map((x, k) => (k === i ? { ...x, opens: e.target.value } : x)))} />
                    <Typography>–</Typography>
                    <TextInput aria-label={t('room.closes')} value={h.closes} disabled={disabled} placeholder="22:00 / 24:00" onChange={(e: any) => set('openingHours', draft.openingHours.map((x, k) => (k === i ? { ...x, closes: e.target.value } : x)))} />
                    {canManage ? <Button variant="tertiary" aria-label={t('room.remove')} onClick={() => set('openingHours', draft.openingHours.filter((_, k) => k !== i))}><Trash /></Button> : null}
                  </Flex>
                ))}
              </Section>
            </Grid.Item>
            <Grid.Item col={5} s={12} direction="column" alignItems="stretch">
              <Section title={t('room.prices')}>
                <Typography variant="pi" textColor="neutral600">{t('room.pricesHint')}</Typography>
                {SEAT_TYPES.map((k) => (
                  <Flex key={k} gap={3} paddingTop={2} alignItems="center">
                    <Box style={{ width: 90 }}><Typography>{t(`layout.tool.${k}` as any)}</Typography></Box>
                    <TextInput aria-label={t(`layout.tool.${k}` as any)} value={draft.prices[k] ?? ''} disabled={disabled} placeholder="—" endAction={<Typography variant="pi">{t('room.perHour')}</Typography>} onChange={(e: any) => set('prices', { ...draft.prices, [k]: e.target.value })} />
                  </Flex>
                ))}
              </Section>
            </Grid.Item>
          </Grid.Root>

          <Section title={t('room.closures')} action={canManage ? <Button variant="secondary" size="S" startIcon={<Plus />} data-action="add-closure" onClick={() => set('closures', [...draft.closures, { starts_on: '', ends_on: '', reason: '' }])}>{t('room.addClosure')}</Button> : null}>
            <Typography variant="pi" textColor="neutral600">{t('room.closuresHint')}</Typography>
            {draft.closures.length === 0 ? <Box paddingTop={2}><Typography textColor="neutral500">{t('rooms.noClosures')}</Typography></Box> : null}
            {draft.closures.map((c, i) => (
              <Flex key={i} gap={2} paddingTop={2} alignItems="flex-end" data-closure={i}>
                <TextInput aria-label={t('room.closureFrom')} type="date" value={c.starts_on} disabled={disabled} onChange={(e: any) => set('closures', draft.closures.map((x, k) => (k === i ? { ...x, starts_on: e.target.value, ends_on: x.ends_on || e.target.value } : x)))} />
                <Typography>~</Typography>
                <TextInput aria-label={t('room.closureTo')} type="date" value={c.ends_on} disabled={disabled} onChange={(e: any) => set('closures', draft.closures.map((x, k) => (k === i ? { ...x, ends_on: e.target.value } : x)))} />
                <Box style={{ flex: 1 }}>
                  <TextInput aria-label={t('room.closureReason')} placeholder={t('room.closureReason')} value={c.reason ?? ''} disabled={disabled} onChange={(e: any) => set('closures', draft.closures.map((x, k) => (k === i ? { ...x, reason: e.target.value } : x)))} />
                </Box>
                {canManage ? <Button variant="tertiary" aria-label={t('room.remove')} onClick={() => set('closures', draft.closures.filter((_, k) => k !== i))}><Trash /></Button> : null}
              </Flex>
            ))}
          </Section>
        </Flex>
      </Layouts.Content>
      {picker ? <PhotoPicker chosen={draft.photos.map((p) => p.id)} onClose={() => setPicker(false)} onPick={(ps) => set('photos', [...draft.photos, ...ps.filter((p) => !draft.photos.some((x) => x.id === p.id))])} /> : null}
      {affected ? <AffectedDialog bookings={affected} busy={saving} onClose={() => setAffected(null)} onKeep={() => submit(null)} onCancel={(reason) => submit({ reason })} /> : null}
    </Page.Main>
  );
}

function Section({ title, action, children }: { title: string; action?: React.ReactNode; children: React.ReactNode }) {
  return (
    <Box background="neutral0" hasRadius shadow="tableShadow" padding={5}>
      <Flex justifyContent="space-between" paddingBottom={3}>
        <Typography variant="delta" tag="h2">{title}</Typography>
        {action}
      </Flex>
      {children}
    </Box>
  );
}

/** The bookings a new closure covers: keep them, or cancel them with a full refund and a reason. */
function AffectedDialog({ bookings, busy, onClose, onKeep, onCancel }: { bookings: AffectedBooking[]; busy: boolean; onClose: () => void; onKeep: () => void; onCancel: (reason: string) => void }) {
  const t = useT();
  const [reason, setReason] = React.useState('');
  return (
    <Modal.Root open onOpenChange={(o: boolean) => !o && onClose()}>
      <Modal.Content data-affected-dialog>
        <Modal.Header><Modal.Title>{t('room.affectedTitle', { n: bookings.length })}</Modal.Title></Modal.Header>
        <Modal.Body>
          <Flex direction="column" alignItems="stretch" gap={3}>
            <Typography>{t('room.affectedText')}</Typography>
            <Box tag="ul" style={{ maxHeight: 220, overflow: 'auto' }}>
              {bookings.map((b) => (
                <li key={b.id} data-affected-booking={b.id}>
                  <Typography>{t('layout.blockingBooking', { seat: b.seat ?? '—', when: `${dayClockOf(b.start)}–${clockOf(b.end)}`, member: b.member.nickname ?? `#${b.member.id}` })} </Typography>
                  <DSLink href={b.board}>{t('layout.openBoard')}</DSLink>
                </li>
              ))}
            </Box>
            <Field.Root name="reason" hint={t('room.cancelReasonHint')}>
              <Field.Label>{t('room.cancelReason')}</Field.Label>
              <Textarea value={reason} onChange={(e: any) => setReason(e.target.value)} placeholder={t('room.cancelReasonPlaceholder')} />
              <Field.Hint />
            </Field.Root>
          </Flex>
        </Modal.Body>
        <Modal.Footer>
          <Button variant="tertiary" onClick={onKeep} disabled={busy} data-action="keep-bookings">{t('room.keepBookings')}</Button>
          <Button variant="danger" loading={busy} disabled={reason.trim().length < 2} onClick={() => onCancel(reason.trim())} data-action="cancel-bookings">{t('room.cancelAndRefund')}</Button>
        </Modal.Footer>
      </Modal.Content>
    </Modal.Root>
  );
}
