import { useState } from 'react';
import { Badge, Box, Button, Flex, IconButton, Tabs, Typography } from '@strapi/design-system';
import { ArrowLeft, Cross, Lock, Plus, PriceTag } from '@strapi/icons';
import { Layouts, Page, useNotification, useRBAC } from '@strapi/strapi/admin';
import { Link, useParams } from 'react-router-dom';
import { api, type MemberDetail as Member } from '../../../api/client';
import { Figure, Section } from '../../../components/Section';
import { Failed, Loading } from '../../../components/States';
import { date, dateTime, yuan } from '../../../utils/format';
import { PERMISSIONS } from '../../../utils/permissions';
import { useT } from '../../../utils/useT';
import { useAsync } from '../hooks/useAsync';
import { AdjustDialog, BanDialog, LiftDialog, TagDialog } from './Dialogs';
import { AppealsTab, BanHistoryTab, BookingsTab, LedgerTab, ViolationsTab } from './DetailTabs';

type Dialog = null | 'ban' | 'lift' | 'tag' | 'adjust';

export function MemberDetail() {
  const { t, locale, refusal } = useT();
  const id = Number(useParams().id);
  const { toggleNotification } = useNotification();
  const members = useRBAC([...PERMISSIONS.banMembers, ...PERMISSIONS.tagMembers]);
  const wallets = useRBAC([...PERMISSIONS.readWallets, ...PERMISSIONS.adjustWallets]);
  const bookingsRbac = useRBAC([...PERMISSIONS.readBookings]);
  const canBan = members.allowedActions.canBan;
  const canTag = members.allowedActions.canTag;
  const canReadWallet = wallets.allowedActions.canRead;
  const canAdjust = wallets.allowedActions.canAdjust;
  const canReadBookings = bookingsRbac.allowedActions.canRead;

  const [dialog, setDialog] = useState<Dialog>(null);
  const [version, setVersion] = useState(0);
  const member = useAsync(() => api.members.detail(id), [id]);
  const wallet = useAsync(() => (canReadWallet ? api.wallets.summary(id) : Promise.resolve(null)), [id, canReadWallet, version]);

  const done = (message: string) => (m?: Member) => {
    if (m) member.setData(m);
    else void member.reload();
    setVersion((v) => v + 1);
    toggleNotification({ type: 'success', message });
  };

  if (member.loading && !member.data) return <Page.Loading />;
  if (member.error || !member.data) return <Page.Main><Failed message={refusal(member.error)} /></Page.Main>;
  const m = member.data;

  const removeTag = async (tagId: string) => {
    try {
      member.setData(await api.members.removeTag(m.id, tagId));
      setVersion((v) => v + 1);
      toggleNotification({ type: 'success', message: t('tag.removed') });
    } catch (err) {
      toggleNotification({ type: 'danger', message: refusal(err) });
    }
  };

  return (
    <Page.Main>
      <Page.Title>{m.nickname ?? `#${m.id}`}</Page.Title>
      <Layouts.Header
        navigationAction={
          <Link to=".." relative="path" style={{ textDecoration: 'none' }}>
            <Flex gap={2}><ArrowLeft /><Typography variant="pi">{t('members.back')}</Typography></Flex>
          </Link>
        }
        title={m.nickname ?? `#${m.id}`}
        subtitle={t('detail.subtitle', { id: m.id, openid: m.openid ?? '—', joined: date(m.createdAt, locale) })}
        primaryAction={
          <Flex gap={2}>
            {canAdjust ? (
              <Button variant="secondary" onClick={() => setDialog('adjust')}>{t('detail.adjust')}</Button>
            ) : null}
            {canBan ? (
              m.ban ? (
                <Button variant="success" onClick={() => setDialog('lift')}>{t('detail.lift')}</Button>
              ) : (
                <Button variant="danger-light" startIcon={<Lock />} onClick={() => setDialog('ban')}>{t('detail.ban')}</Button>
              )
            ) : null}
          </Flex>
        }
      />
      <Layouts.Content>
        <Flex direction="column" alignItems="stretch" gap={6}>
          {m.ban ? (
            <Box background="danger100" padding={4} hasRadius borderColor="danger200">
              <Typography fontWeight="bold" textColor="danger700">{t('detail.bannedUntil', { until: dateTime(m.ban.until, locale) })}</Typography>
              <Typography textColor="danger700"> · {m.ban.reason ?? '—'}</Typography>
            </Box>
          ) : null}

          <Flex gap={4} wrap="wrap" alignItems="stretch">
            {canReadWallet ? (
              <Figure
                label={t('detail.balance')}
                value={wallet.data ? yuan(wallet.data.balance_fen + wallet.data.bonus_fen) : '…'}
                hint={wallet.data ? t('detail.balanceHint', { principal: yuan(wallet.data.balance_fen), bonus: yuan(wallet.data.bonus_fen), withdrawable: yuan(wallet.data.withdrawable_fen) }) : undefined}
              />
            ) : null}
            <Figure label={t('detail.bookings')} value={m.bookings.total} hint={t('detail.bookingsHint', { completed: m.bookings.byStatus.completed ?? 0, noShow: m.bookings.byStatus.no_show ?? 0, cancelled: m.bookings.byStatus.cancelled ?? 0 })} />
            <Figure label={t('detail.violations')} value={m.violations.last30Days} tone={m.violations.last30Days > 0 ? 'danger' : undefined} hint={t('detail.violationsHint', { total: m.violations.total })} />
            {canReadWallet && wallet.data ? (
              <Figure label={t('detail.tier')} value={wallet.data.tier?.name ?? t('detail.noTier')} hint={t('detail.recharged', { total: yuan(wallet.data.recharged_total_fen) })} />
            ) : null}
          </Flex>

          <Section
            title={t('detail.tags')}
            actions={canTag ? <Button variant="secondary" size="S" startIcon={<Plus />} onClick={() => setDialog('tag')}>{t('detail.addTag')}</Button> : null}
          >
            {m.tags.length === 0 ? (
              <Typography textColor="neutral600">{t('detail.noTags')}</Typography>
            ) : (
              <Flex gap={2} wrap="wrap">
                {m.tags.map((tg) => (
                  <Flex key={tg.tag.id} gap={1} background={tg.expired ? 'neutral150' : 'primary100'} paddingLeft={3} paddingRight={1} paddingTop={1} paddingBottom={1} hasRadius>
                    <PriceTag fill={tg.expired ? 'neutral500' : 'primary600'} />
                    <Typography textColor={tg.expired ? 'neutral500' : 'primary700'} fontWeight="bold">{tg.tag.name}</Typography>
                    <Typography variant="pi" textColor="neutral600">
                      {tg.expiresAt ? (tg.expired ? t('detail.tagExpired', { at: date(tg.expiresAt, locale) }) : t('detail.tagUntil', { at: date(tg.expiresAt, locale) })) : t('detail.tagForever')}
                    </Typography>
                    {canTag ? (
                      <IconButton label={t('detail.removeTag', { name: tg.tag.name })} variant="ghost" withTooltip={false} onClick={() => removeTag(tg.tag.id)}>
                        <Cross />
                      </IconButton>
                    ) : null}
                  </Flex>
                ))}
              </Flex>
            )}
          </Section>

          <Section>
            <Tabs.Root defaultValue={canReadWallet ? 'ledger' : 'bookings'}>
              <Tabs.List aria-label={t('detail.tabs')}>
                {canReadWallet ? <Tabs.Trigger value="ledger">{t('detail.tab.ledger')}</Tabs.Trigger> : null}
                {canReadBookings ? <Tabs.Trigger value="bookings">{t('detail.tab.bookings')}</Tabs.Trigger> : null}
                <Tabs.Trigger value="violations">{t('detail.tab.violations')}</Tabs.Trigger>
                <Tabs.Trigger value="bans">{t('detail.tab.bans')}</Tabs.Trigger>
                <Tabs.Trigger value="appeals">
                  {t('detail.tab.appeals')}
                  {m.appeals.some((a) => a.status === 'open') ? <Badge marginLeft={2} backgroundColor="warning100" textColor="warning700">{t('appeals.status.open')}</Badge> : null}
                </Tabs.Trigger>
              </Tabs.List>
              <Box paddingTop={4}>
                {canReadWallet ? <Tabs.Content value="ledger"><LedgerTab memberId={m.id} version={version} /></Tabs.Content> : null}
                {canReadBookings ? <Tabs.Content value="bookings"><BookingsTab memberId={m.id} /></Tabs.Content> : null}
                <Tabs.Content value="violations"><ViolationsTab memberId={m.id} /></Tabs.Content>
                <Tabs.Content value="bans"><BanHistoryTab memberId={m.id} version={version} /></Tabs.Content>
                <Tabs.Content value="appeals"><AppealsTab appeals={m.appeals} /></Tabs.Content>
              </Box>
            </Tabs.Root>
          </Section>
        </Flex>
      </Layouts.Content>

      {dialog === 'ban' ? <BanDialog member={m} open onClose={() => setDialog(null)} onDone={done(t('ban.done'))} /> : null}
      {dialog === 'lift' ? <LiftDialog member={m} open onClose={() => setDialog(null)} onDone={done(t('lift.done'))} /> : null}
      {dialog === 'tag' ? <TagDialog member={m} open onClose={() => setDialog(null)} onDone={done(t('tag.done'))} /> : null}
      {dialog === 'adjust' ? <AdjustDialog member={m} open balanceFen={wallet.data?.balance_fen ?? 0} onClose={() => setDialog(null)} onDone={done(t('adjust.done'))} /> : null}
    </Page.Main>
  );
}
