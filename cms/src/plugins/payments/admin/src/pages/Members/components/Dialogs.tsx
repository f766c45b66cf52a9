import { useEffect, useState } from 'react';
import { DateTimePicker, Field, NumberInput, SingleSelect, SingleSelectOption, Textarea, TextInput, Typography } from '@strapi/design-system';
import { api, type MemberDetail, type TagOption } from '../../../api/client';
import { ActionDialog } from '../../../components/ActionDialog';
import { yuan } from '../../../utils/format';
import { useT } from '../../../utils/useT';

interface Props {
  member: MemberDetail;
  open: boolean;
  onClose: () => void;
  onDone: (m?: MemberDetail) => void;
}

export function BanDialog({ member, open, onClose, onDone }: Props) {
  const { t } = useT();
  const [until, setUntil] = useState<Date | undefined>(() => new Date(Date.now() + 7 * 86400_000));
  const [reason, setReason] = useState('');
  return (
    <ActionDialog
      open={open}
      onClose={onClose}
      title={t('ban.title', { name: member.nickname ?? `#${member.id}` })}
      confirmLabel={t('ban.confirm')}
      danger
      canConfirm={Boolean(until) && reason.trim().length >= 2}
      onConfirm={async () => onDone(await api.members.ban(member.id, { until: until!.toISOString(), reason: reason.trim() }))}
    >
      <Field.Root name="until" required hint={t('ban.untilHint')}>
        <Field.Label>{t('ban.until')}</Field.Label>
        <DateTimePicker value={until} onChange={(d: Date | undefined) => setUntil(d)} />
        <Field.Hint />
      </Field.Root>
      <Field.Root name="reason" required hint={t('ban.reasonHint')}>
        <Field.Label>{t('ban.reason')}</Field.Label>
        <Textarea value={reason} onChange={(e: any) => setReason(e.target.value)} placeholder={t('ban.reasonPlaceholder')} />
        <Field.Hint />
      </Field.Root>
    </ActionDialog>
  );
}

export function LiftDialog({ member, open, onClose, onDone }: Props) {
  const { t } = useT();
  const [reason, setReason] = useState('');
  return (
    <ActionDialog
      open={open}
      onClose={onClose}
      title={t('lift.title', { name: member.nickname ?? `#${member.id}` })}
      confirmLabel={t('lift.confirm')}
      canConfirm={reason.trim().length >= 2}
      onConfirm={async () => onDone(await api.members.lift(member.id, { reason: reason.trim() }))}
    >
      <Field.Root name="reason" required hint={t('lift.reasonHint')}>
        <Field.Label>{t('lift.reason')}</Field.Label>
        <Textarea value={reason} onChange={(e: any) => setReason(e.target.value)} />
        <Field.Hint />
      </Field.Root>
    </ActionDialog>
  );
}

export function TagDialog({ member, open, onClose, onDone }: Props) {
  const { t } = useT();
  const [tags, setTags] = useState<TagOption[]>([]);
  const [tag, setTag] = useState<string>('');
  const [expiresAt, setExpiresAt] = useState<Date | undefined>(undefined);
  const [note, setNote] = useState('');
  useEffect(() => {
    if (open) void api.members.tags().then(setTags).catch(() => setTags([]));
  }, [open]);
  return (
    <ActionDialog
      open={open}
      onClose={onClose}
      title={t('tag.title')}
      confirmLabel={t('tag.confirm')}
      canConfirm={Boolean(tag)}
      onConfirm={async () => onDone(await api.members.addTag(member.id, { tag, expiresAt: expiresAt ? expiresAt.toISOString() : null, note: note.trim() || undefined }))}
    >
      <Field.Root name="tag" required>
        <Field.Label>{t('tag.tag')}</Field.Label>
        <SingleSelect value={tag} onChange={(v: any) => setTag(String(v))} placeholder={t('tag.choose')}>
          {tags.map((o) => (
            <SingleSelectOption key={o.id} value={o.id}>{o.name}</SingleSelectOption>
          ))}
        </SingleSelect>
      </Field.Root>
      <Field.Root name="expiresAt" hint={t('tag.expiresHint')}>
        <Field.Label>{t('tag.expires')}</Field.Label>
        <DateTimePicker value={expiresAt} onChange={(d: Date | undefined) => setExpiresAt(d)} onClear={() => setExpiresAt(undefined)} />
        <Field.Hint />
      </Field.Root>
      <Field.Root name="note">
        <Field.Label>{t('tag.note')}</Field.Label>
        <TextInput value={note} onChange={(e: any) => setNote(e.target.value)} />
      </Field.Root>
    </ActionDialog>
  );
}

export function AdjustDialog({ member, open, onClose, onDone, balanceFen }: Props & { balanceFen: number }) {
  const { t } = useT();
  const [direction, setDirection] = useState<'credit' | 'debit'>('credit');
  const [amount, setAmount] = useState<number | undefined>(undefined);
  const [part, setPart] = useState<'principal' | 'bonus'>('principal');
  const [reason, setReason] = useState('');
  const fen = amount ? Math.round(amount * 100) * (direction === 'debit' ? -1 : 1) : 0;
  return (
    <ActionDialog
      open={open}
      onClose={onClose}
      title={t('adjust.title', { name: member.nickname ?? `#${member.id}` })}
      confirmLabel={t('adjust.confirm')}
      canConfirm={fen !== 0 && reason.trim().length >= 2}
      onConfirm={async () => {
        await api.wallets.adjust(member.id, { amount_fen: fen, part, reason: reason.trim() });
        onDone();
      }}
    >
      <Typography variant="pi" textColor="neutral600">{t('adjust.current', { balance: yuan(balanceFen) })}</Typography>
      <Field.Root name="direction">
        <Field.Label>{t('adjust.direction')}</Field.Label>
        <SingleSelect value={direction} onChange={(v: any) => setDirection(v)}>
          <SingleSelectOption value="credit">{t('adjust.credit')}</SingleSelectOption>
          <SingleSelectOption value="debit">{t('adjust.debit')}</SingleSelectOption>
        </SingleSelect>
      </Field.Root>
      <Field.Root name="amount" required hint={t('adjust.amountHint')}>
        <Field.Label>{t('adjust.amount')}</Field.Label>
        <NumberInput value={amount} onValueChange={(v: number | undefined) => setAmount(v)} step={0.01} />
        <Field.Hint />
      </Field.Root>
      <Field.Root name="part">
        <Field.Label>{t('adjust.part')}</Field.Label>
        <SingleSelect value={part} onChange={(v: any) => setPart(v)}>
          <SingleSelectOption value="principal">{t('adjust.principal')}</SingleSelectOption>
          <SingleSelectOption value="bonus">{t('adjust.bonus')}</SingleSelectOption>
        </SingleSelect>
      </Field.Root>
      <Field.Root name="reason" required hint={t('adjust.reasonHint')}>
        <Field.Label>{t('adjust.reason')}</Field.Label>
        <Textarea value={reason} onChange={(e: any) => setReason(e.target.value)} />
        <Field.Hint />
      </Field.Root>
    </ActionDialog>
  );
}
