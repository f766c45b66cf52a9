import { Page } from '@strapi/strapi/admin';
import { Route, Routes } from 'react-router-dom';
import { PERMISSIONS } from '../../utils/permissions';
import { AnnouncementList } from './components/AnnouncementList';
import { AnnouncementEditor } from './components/AnnouncementEditor';

/** 公告 Announcements: the list by state, and the editor with its phone preview. */
export default function AnnouncementsPage() {
  return (
    <Page.Protect permissions={PERMISSIONS.readAnnouncements}>
      <Routes>
        <Route index element={<AnnouncementList />} />
        <Route path="new" element={<AnnouncementEditor />} />
        <Route path=":id" element={<AnnouncementEditor />} />
      </Routes>
    </Page.Protect>
  );
}
