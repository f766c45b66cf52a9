import { useRBAC } from '@strapi/strapi/admin';
import { PERMISSIONS } from '../../../utils/permissions';

/** Which booking actions this staff member may take (buttons follow it; the routes enforce it). */
export function useStaffRights() {
  const { allowedActions, isLoading } = useRBAC([...PERMISSIONS.manageBookings, ...PERMISSIONS.waiveFee, ...PERMISSIONS.checkIn]);
  return { loading: isLoading, canManage: !!allowedActions.canManage, canWaiveFee: !!allowedActions.canWaiveFee, canCheckIn: !!allowedActions.canCheckin };
}
