import * as React from 'react';
import { Alert, Box, Button, Field, Flex, Grid as DSGrid, Link as DSLink, SingleSelect, SingleSelectOption, TextInput, Toggle, Typography } from '@strapi/design-system';
import { ArrowLeft, ArrowClockwise, Check } from '@strapi/icons';
import { Layouts, Page, useNotification, useRBAC } from '@strapi/strapi/admin';
import { Link, useParams } from 'react-router-dom';
import { ApiError, roomSetupApi, type AffectedBooking, type RoomSetup } from '../../../api/client';
import { ErrorState, Loading } from '../../../components/States';
import { dayClockOf, clockOf } from '../../../utils/format';
import { PERMISSIONS } from '../../../utils/permissions';
import { useRequest } from '../../../utils/useRequest';
import { useRefusal, useT } from '../../../utils/useT';
import { autoNumber, CELL_TOOLS, fromServer, isSeat, moveSeat, paint, removedSeats, resize, SEAT_TOOLS, seatCount, toServer, updateSeat, type Grid, type Tool } from '../grid';
import { useLayoutHistory } from '../hooks/useLayoutHistory';
import { EditorGrid } from './EditorGrid';
import { MiniProgramPreview } from './MiniProgramPreview';
import { CELL_COLOURS, SEAT_COLOURS } from './styles';

const TOOL_KEYS: Tool[] = ['select', ...SEAT_TOOLS, ...CELL_TOOLS];

type Refusal = { kind: 'conflict'; message: string } | { kind: 'in-use'; message: string; bookings: AffectedBooking[] } | { kind: 'other'; message: string };

/** 座位布局: paint a room's grid, label its seats, and save it as one change (see services/room-setup.ts). */
export function LayoutEditorPage() {
  const { id = '' } = useParams();
  const { data, error, loading, reload } = useRequest(() => roomSetupApi.detail(id), [id]);
  if (loading && !data) return <Page.Main><Loading /></Page.Main>;
  if (error || !data) return <Page.Main><Box padding={8}><ErrorState error={error ?? new Error('—')} onRetry={reload} /></Box></Page.Main>;
  return <Editor key={`${data.id}:${data.layout.version}`} room={data} onSaved={reload} />;
}

function Editor({ room, onSaved }: { room: RoomSetup; onSaved: () => void }) {
  const t = useT();
  const refusalText = useRefusal();
  const { toggleNotification } = useNotification();
  const canEdit = useRBAC(PERMISSIONS.editLayout).allowedActions.canEdit;
  const saved = React.useMemo(() => fromServer(room.layout), [room]);
  const history = useLayoutHistory(saved);
  const grid = history.grid;
  const [tool, setTool] = React.useState<Tool>(room.kind === 'private' ? 'room' : 'standard');
  const [focus, setFocus] = React.useState({ row: 0, col: 0 });
  const [selected, setSelected] = React.useState<{ row: number; col: number } | null>(null);
  const [version, setVersion] = React.useState(room.layout.version);
  const [saving, setSaving] = React.useState(false);
  const [refusal, setRefusal] = React.useState<Refusal | null>(null);
  const stroke = React.useRef<{ from: { row: number; col: number } } | null>(null);

  const dirty = grid !== saved;
  const removed = removedSeats(saved, grid);
  const sel = selected ? grid[selected.row]?.[selected.col] : null;

  React.useEffect(() => {
    const up = () => {
      if (stroke.current) history.settle();
      stroke.current = null;
    };
    window.addEventListener('mouseup', up);
    return () => window.removeEventListener('mouseup', up);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  function press(row: number, col: number) {
    setFocus({ row, col });
    if (tool === 'select') {
      setSelected({ row, col });
      stroke.current = { from: { row, col } };
      return;
    }
    if (!canEdit) return;
    stroke.current = { from: { row, col } };
    history.begin();
    history.apply((g) => paint(g, row, col, tool));
    setSelected({ row, col });
  }
  function enter(row: number, col: number) {
    if (!stroke.current || tool === 'select' || !canEdit) return;
    history.apply((g) => paint(g, row, col, tool));
  }
  function release(row: number, col: number) {
    const from = stroke.current?.from;
    if (tool === 'select' && from && canEdit && (from.row !== row || from.col !== col) && isSeat(grid[from.row][from.col])) {
      history.commit((g) => moveSeat(g, from, { row, col }));
      setSelected({ row, col });
      setFocus({ row, col });
      stroke.current = null;
    }
  }

  function onKeyDown(e: React.KeyboardEvent) {
    const mod = e.ctrlKey || e.metaKey;
    if (mod && e.key.toLowerCase() === 'z') {
      e.preventDefault();
      if (e.shiftKey) history.redo();
      else history.undo();
      return;
    }
    if (mod && e.key.toLowerCase() === 'y') {
      e.preventDefault();
      history.redo();
      return;
    }
    const moves: Record<string, [number, number]> = { ArrowUp: [-1, 0], ArrowDown: [1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1] };
    if (moves[e.key]) {
      e.preventDefault();
      const [dr, dc] = moves[e.key];
      const to = { row: Math.max(0, Math.min(grid.length - 1, focus.row + dr)), col: Math.max(0, Math.min((grid[0]?.length ?? 1) - 1, focus.col + dc)) };
      // Shift+arrow carries the seat under the cursor along (a move keeps its id and bookings).
      if (e.shiftKey && canEdit && isSeat(grid[focus.row][focus.col])) history.commit((g) => moveSeat(g, focus, to));
      setFocus(to);
      setSelected(to);
      return;
    }
    if (e.key === ' ' || e.key === 'Enter') {
      e.preventDefault();
      setSelected(focus);
      if (tool !== 'select' && canEdit) history.commit((g) => paint(g, focus.row, focus.col, tool));
      return;
    }
    if ((e.key === 'Delete' || e.key === 'Backspace') && canEdit) {
      e.preventDefault();
      history.commit((g) => paint(g, focus.row, focus.col, 'empty'));
      return;
    }
    const n = Number(e.key);
    if (!mod && Number.isInteger(n) && n >= 0 && n < TOOL_KEYS.length) setTool(TOOL_KEYS[n]);
  }

  async function save() {
    setSaving(true);
    setRefusal(null);
    try {
      const next = await roomSetupApi.saveLayout(room.id, { version, ...toServer(grid) });
      toggleNotification({ type: 'success', message: t('layout.saved', { seats: next.layout.seats.length }) });
      setVersion(next.layout.version);
      onSaved();
    } catch (e: any) {
      if (e instanceof ApiError && e.code === 'SEAT_IN_USE') setRefusal({ kind: 'in-use', message: refusalText(e), bookings: e.details?.bookings ?? [] });
      else if (e instanceof ApiError && e.code === 'CONFLICT') setRefusal({ kind: 'conflict', message: refusalText(e) });
      else setRefusal({ kind: 'other', message: refusalText(e) });
    } finally {
      setSaving(false);
    }
  }

  const toolLabel = (k: Tool) => t(`layout.tool.${k}` as any);

  return (
    <Page.Main>
      <Page.Title>{t('layout.title')}</Page.Title>
      <Layouts.Header
        navigationAction={
          <DSLink tag={Link} to={`/plugins/booking/rooms/${room.id}`} startIcon={<ArrowLeft />}>
            {t('layout.backToRoom')}
          </DSLink>
        }
        title={`${t('layout.title')} · ${room.name}`}
        subtitle={t('layout.subtitle', { seats: seatCount(grid), rows: grid.length, cols: grid[0]?.length ?? 0, version })}
        primaryAction={
          canEdit ? (
            <Button startIcon={<Check />} onClick={save} loading={saving} disabled={!dirty || saving} data-action="save-layout">
              {t('layout.save')}
            </Button>
          ) : null
        }
      />
      <Layouts.Content>
        {refusal ? (
          <Box paddingBottom={4}>
            <Alert variant="danger" title={refusal.kind === 'conflict' ? t('layout.conflictTitle') : refusal.kind === 'in-use' ? t('layout.inUseTitle') : t('layout.refusedTitle')} onClose={() => setRefusal(null)} closeLabel={t('action.close')} data-refusal={refusal.kind}>
              <Typography>{refusal.message}</Typography>
              {refusal.kind === 'in-use' ? (
                <ul style={{ margin: '8px 0 0 16px', listStyle: 'disc' }}>
                  {refusal.bookings.map((b) => (
                    <li key={b.id} data-blocking-booking={b.id}>
                      <Typography>
                        {t('layout.blockingBooking', { seat: b.seat ?? '—', when: `${dayClockOf(b.start)}–${clockOf(b.end)}`, member: b.member.nickname ?? `#${b.member.id}` })}{' '}
                      </Typography>
                      <DSLink href={b.board}>{t('layout.openBoard')}</DSLink>
                    </li>
                  ))}
                </ul>
              ) : null}
              {refusal.kind === 'conflict' ? (
                <Box paddingTop={2}>
                  <Button variant="secondary" size="S" onClick={onSaved}>{t('layout.reload')}</Button>
                </Box>
              ) : null}
            </Alert>
          </Box>
        ) : null}
        <DSGrid.Root gap={4}>
          <DSGrid.Item col={8} s={12} direction="column" alignItems="stretch">
            <Box background="neutral0" hasRadius shadow="tableShadow" padding={4}>
              <Flex gap={2} wrap="wrap" paddingBottom={3} role="toolbar" aria-label={t('layout.tools')}>
                {TOOL_KEYS.map((k, i) => {
                  const swatch = k === 'select' ? null : (SEAT_COLOURS as any)[k] ?? (CELL_COLOURS as any)[k];
                  return (
                    <Button key={k} size="S" variant={tool === k ? 'default' : 'tertiary'} onClick={() => setTool(k)} data-tool={k} aria-pressed={tool === k} disabled={!canEdit && k !== 'select'}>
                      {swatch ? <span style={{ display: 'inline-block', width: 10, height: 10, borderRadius: 2, background: swatch.bg, border: `1px solid ${swatch.border}`, marginRight: 6 }} /> : null}
                      {toolLabel(k)} <span style={{ opacity: 0.5, marginLeft: 4 }}>{i}</span>
                    </Button>
                  );
                })}
              </Flex>
              <Flex gap={2} paddingBottom={3} alignItems="flex-end" wrap="wrap">
                <SizeInput name="rows" label={t('layout.rows')} value={grid.length} disabled={!canEdit} onApply={(v) => history.commit((g) => resize(g, v, g[0]?.length ?? 1))} />
                <SizeInput name="cols" label={t('layout.cols')} value={grid[0]?.length ?? 1} disabled={!canEdit} onApply={(v) => history.commit((g) => resize(g, g.length, v))} />
                <Button variant="secondary" startIcon={<ArrowClockwise style={{ transform: "scaleX(-1)" }} />} onClick={history.undo} disabled={!history.canUndo} data-action="undo">{t('layout.undo')}</Button>
                <Button variant="secondary" startIcon={<ArrowClockwise />} onClick={history.redo} disabled={!history.canRedo} data-action="redo">{t('layout.redo')}</Button>
                <Button variant="secondary" onClick={() => history.commit(autoNumber)} disabled={!canEdit} data-action="auto-number">{t('layout.autoNumber')}</Button>
              </Flex>
              <Box style={{ overflow: 'auto' }}>
                <EditorGrid grid={grid} focus={focus} selected={selected} doorLabel={t('layout.door')} onPress={press} onEnter={enter} onRelease={release} onKeyDown={onKeyDown} label={t('layout.gridLabel')} />
              </Box>
              <Box paddingTop={3}>
                <Typography variant="pi" textColor="neutral600">{t('layout.keyboardHelp')}</Typography>
              </Box>
              {removed.length > 0 ? (
                <Box paddingTop={2}>
                  <Typography variant="pi" textColor="warning600">{t('layout.willRemove', { seats: removed.map((s) => s.label).join('、') })}</Typography>
                </Box>
              ) : null}
            </Box>
            <Box background="neutral0" hasRadius shadow="tableShadow" padding={4} marginTop={4}>
              <Typography variant="delta" tag="h2">{t('layout.inspector')}</Typography>
              {selected && isSeat(sel) ? (
                <Flex gap={3} paddingTop={3} alignItems="flex-end" wrap="wrap" data-inspector>
                  <Field.Root name="label" style={{ width: 120 }}>
                    <Field.Label>{t('layout.label')}</Field.Label>
                    <TextInput value={sel.label} disabled={!canEdit} onChange={(e: any) => history.commit((g) => updateSeat(g, selected.row, selected.col, { label: e.target.value }))} />
                  </Field.Root>
                  <Field.Root name="code" style={{ width: 160 }}>
                    <Field.Label>{t('layout.code')}</Field.Label>
                    <TextInput value={sel.code ?? ''} disabled={!canEdit} onChange={(e: any) => history.commit((g) => updateSeat(g, selected.row, selected.col, { code: e.target.value || null }))} />
                  </Field.Root>
                  <Field.Root name="type" style={{ width: 150 }}>
                    <Field.Label>{t('layout.type')}</Field.Label>
                    <SingleSelect value={sel.type} disabled={!canEdit} onChange={(v: any) => history.commit((g) => updateSeat(g, selected.row, selected.col, { type: v }))}>
                      {SEAT_TOOLS.map((k) => <SingleSelectOption key={k} value={k}>{toolLabel(k)}</SingleSelectOption>)}
                    </SingleSelect>
                  </Field.Root>
                  <Field.Root name="enabled">
                    <Field.Label>{t('layout.enabled')}</Field.Label>
                    <Toggle checked={sel.enabled} disabled={!canEdit} onLabel={t('layout.on')} offLabel={t('layout.off')} onChange={(e: any) => history.commit((g) => updateSeat(g, selected.row, selected.col, { enabled: e.target.checked }))} />
                  </Field.Root>
                  <Typography variant="pi" textColor="neutral600">{sel.id ? t('layout.existingSeat') : t('layout.newSeat')}</Typography>
                </Flex>
              ) : (
                <Box paddingTop={2}><Typography textColor="neutral600">{t('layout.inspectorEmpty')}</Typography></Box>
              )}
            </Box>
          </DSGrid.Item>
          <DSGrid.Item col={4} s={12} direction="column" alignItems="stretch">
            <Box background="neutral0" hasRadius shadow="tableShadow" padding={4}>
              <Box paddingBottom={3}><Typography variant="delta" tag="h2">{t('layout.preview')}</Typography></Box>
              <MiniProgramPreview grid={grid} title={room.name} legend={{ free: t('layout.preview.free'), disabled: t('layout.preview.disabled'), door: t('layout.door') }} />
            </Box>
          </DSGrid.Item>
        </DSGrid.Root>
      </Layouts.Content>
    </Page.Main>
  );
}

/** A grid dimension applied on Enter or leaving the field, so typing "12" never passes through 1 row. */
function SizeInput({ name, label, value, disabled, onApply }: { name: string; label: string; value: number; disabled: boolean; onApply: (v: number) => void }) {
  const [text, setText] = React.useState(String(value));
  React.useEffect(() => setText(String(value)), [value]);
  const apply = () => {
    const v = Math.round(Number(text));
    if (Number.isFinite(v) && v >= 1 && v !== value) onApply(v);
    else setText(String(value));
  };
  return (
    <Field.Root name={name} style={{ width: 110 }}>
      <Field.Label>{label}</Field.Label>
      <TextInput name={name} type="number" min={1} max={40} value={text} disabled={disabled} onChange={(e: any) => setText(e.target.value)} onBlur={apply} onKeyDown={(e: any) => e.key === 'Enter' && apply()} />
    </Field.Root>
  );
}

export type { Grid };
