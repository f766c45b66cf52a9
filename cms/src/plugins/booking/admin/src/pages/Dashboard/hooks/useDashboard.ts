import { bookingApi } from '../../../api/client';
import { useRequest } from '../../../utils/useRequest';

export const useDashboard = () => useRequest(() => bookingApi.dashboard(), []);
export const useDashboardCharts = () => useRequest(() => bookingApi.dashboardCharts(), []);
