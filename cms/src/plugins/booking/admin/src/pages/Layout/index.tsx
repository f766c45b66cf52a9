import { Page } from '@strapi/strapi/admin';
import { Route, Routes } from 'react-router-dom';
import { PERMISSIONS } from '../../utils/permissions';
import { RoomList } from '../Rooms/components/RoomList';
import { LayoutEditorPage } from './components/LayoutEditor';

/** 座位布局 Layout editor: pick a room, then paint its grid. */
export default function LayoutPage() {
  return (
    <Page.Protect permissions={[...PERMISSIONS.readRooms]}>
      <Routes>
        <Route index element={<RoomList target="layout" />} />
        <Route path=":id" element={<LayoutEditorPage />} />
      </Routes>
    </Page.Protect>
  );
}
