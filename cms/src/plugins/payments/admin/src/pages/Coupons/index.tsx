import { Page } from '@strapi/strapi/admin';
import { Route, Routes } from 'react-router-dom';
import { PERMISSIONS } from '../../utils/permissions';
import { CouponAnalyticsView } from './components/CouponAnalyticsView';
import { TemplateEditor } from './components/TemplateEditor';
import { TemplateList } from './components/TemplateList';

/** 优惠券 Coupons: templates, the editor with its hand-outs, and each template's analytics. */
export default function CouponsPage() {
  return (
    <Page.Protect permissions={[...PERMISSIONS.readCoupons]}>
      <Routes>
        <Route index element={<TemplateList />} />
        <Route path="new" element={<TemplateEditor />} />
        <Route path=":id" element={<TemplateEditor />} />
        <Route path=":id/analytics" element={<CouponAnalyticsView />} />
      </Routes>
    </Page.Protect>
  );
}
