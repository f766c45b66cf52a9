import exportsController from './exports';
import member from './member';
import notify from './notify';
import staff from './staff';
import review from './review';
import couponAdmin from './coupon-admin';

export default { member, notify, staff, exports: exportsController, review, 'coupon-admin': couponAdmin };
