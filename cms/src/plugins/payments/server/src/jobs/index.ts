import { runtime } from '../../../../../platform/runtime';
import expireCoupons from './expire-coupons';
import expireMemberships from './expire-memberships';
import reconcileOrders from './reconcile-orders';
import refundSync from './refund-sync';

export const PAYMENT_JOBS = [reconcileOrders, refundSync, expireCoupons, expireMemberships];

/** PAYMENTS_CRON_RECONCILE_ORDERS etc. override a job's schedule (tests use seconds-level rules). */
const envName = (jobName: string) => `PAYMENTS_CRON_${jobName.replace(/^payments\./, '').replace(/-/g, '_').toUpperCase()}`;

export function defineJobs(strapi: any) {
  for (const job of PAYMENT_JOBS) {
    runtime().scheduler.define({
      name: job.name,
      rule: process.env[envName(job.name)] || job.rule,
      leaseMs: job.leaseMs,
      run: () => job.run(strapi),
    });
  }
}
