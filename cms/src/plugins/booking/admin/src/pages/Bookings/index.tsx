import { Tabs } from '@strapi/design-system';
import { Layouts, Page } from '@strapi/strapi/admin';
import { PERMISSIONS } from '../../utils/permissions';
import { useT } from '../../utils/useT';
import { BoardTab } from './components/BoardTab';
import { ListTab } from './components/ListTab';

const BookingsPage = () => {
  const t = useT();
  const initial = new URLSearchParams(window.location.search).get('view') === 'list' ? 'list' : 'board';
  return (
    <Page.Main>
      <Page.Title>{t('bookings.title')}</Page.Title>
      <Layouts.Header title={t('bookings.title')} subtitle={t('bookings.subtitle')} />
      <Layouts.Content>
        <Tabs.Root defaultValue={initial}>
          <Tabs.List aria-label={t('bookings.title')}>
            <Tabs.Trigger value="board">{t('bookings.board')}</Tabs.Trigger>
            <Tabs.Trigger value="list">{t('bookings.list')}</Tabs.Trigger>
          </Tabs.List>
          <Tabs.Content value="board">
            <div style={{ paddingTop: 16 }}><BoardTab /></div>
          </Tabs.Content>
          <Tabs.Content value="list">
            <div style={{ paddingTop: 16 }}><ListTab /></div>
          </Tabs.Content>
        </Tabs.Root>
      </Layouts.Content>
    </Page.Main>
  );
};

const ProtectedBookingsPage = () => (
  <Page.Protect permissions={PERMISSIONS.readBookings}>
    <BookingsPage />
  </Page.Protect>
);

export default ProtectedBookingsPage;
