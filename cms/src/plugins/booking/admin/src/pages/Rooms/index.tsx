import { Page } from '@strapi/strapi/admin';
import { Route, Routes } from 'react-router-dom';
import { PERMISSIONS } from '../../utils/permissions';
import { RoomList } from './components/RoomList';
import { RoomDetail } from './components/RoomDetail';

/** 房间 Rooms: the list, then a room's page (photos, opening hours, prices, state, closures). */
export default function RoomsPage() {
  return (
    <Page.Protect permissions={[...PERMISSIONS.readRooms]}>
      <Routes>
        <Route index element={<RoomList target="room" />} />
        <Route path=":id" element={<RoomDetail />} />
      </Routes>
    </Page.Protect>
  );
}
