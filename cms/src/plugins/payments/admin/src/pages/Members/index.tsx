import { Page } from '@strapi/strapi/admin';
import { Route, Routes } from 'react-router-dom';
import { PERMISSIONS } from '../../utils/permissions';
import { MemberList } from './components/MemberList';
import { MemberDetail } from './components/MemberDetail';

/** 会员 Members: search, then a member's page with wallet, bookings, tags, bans and appeals. */
export default function MembersPage() {
  return (
    <Page.Protect permissions={[...PERMISSIONS.readMembers]}>
      <Routes>
        <Route index element={<MemberList />} />
        <Route path=":id" element={<MemberDetail />} />
      </Routes>
    </Page.Protect>
  );
}
