/**
 * WeChat Pay as configured by the environment: the verified client, and the notification verifier.
 * Not configured is a normal state (the zero-setup demo has no merchant account): payment routes then
 * answer PAYMENTS_NOT_CONFIGURED instead of the CMS failing to start.
 */
import { DomainError, fail } from '../../../../../platform/errors';
import {
  createWechatPayClient,
  loadWechatPayConfig,
  verifyNotification,
  type VerifiedNotification,
  type WechatPayClient,
  type WechatPayConfig,
} from '../wechatpay';
import { countWechatErrors } from '../../../../../platform/metrics';

export default ({ strapi }: { strapi: any }) => {
  let loaded: ReturnType<typeof loadWechatPayConfig> | null = null;
  let client: WechatPayClient | null = null;

  const state = () => {
    if (!loaded) {
      loaded = loadWechatPayConfig(process.env);
      if (loaded.ok === false) strapi.log.warn(`[payments] WeChat Pay is not configured: ${loaded.problems.join('; ')}`);
    }
    return loaded;
  };

  const notConfigured = () =>
    fail('PAYMENTS_NOT_CONFIGURED', 'WeChat Pay is not set up on this server yet; pay from your wallet or ask the front desk.', {
      missing: loaded && loaded.ok === false ? loaded.missing : [],
    });

  return {
    isConfigured(): boolean {
      return state().ok;
    },

    config(): WechatPayConfig {
      const s = state();
      if (!s.ok) throw notConfigured();
      return s.config;
    },

    client(): WechatPayClient {
      // Signature freshness is about real time, not the business clock (which operators and tests may shift).
      if (!client) client = countWechatErrors('wechatpay', createWechatPayClient(this.config(), { now: () => new Date() }));
      return client;
    },

    /** Throws NotificationRejected (or PAYMENTS_NOT_CONFIGURED) unless the body is WeChat's, fresh and intact. */
    verify(rawBody: Buffer, headers: Record<string, string | string[] | undefined>): VerifiedNotification {
      const config = this.config();
      return verifyNotification({ rawBody, headers, platformCerts: config.platformCerts, apiV3Key: config.apiV3Key, now: new Date() });
    },

    /** A provider error WeChat gave for a missing order/refund (the call was never made or never arrived). */
    isNotFound(err: unknown): boolean {
      if (!(err instanceof DomainError) && (err as any)?.code !== 'PAYMENT_PROVIDER') return false;
      const details = (err as DomainError).details ?? {};
      return details.httpStatus === 404 || details.providerCode === 'ORDER_NOT_EXIST' || details.providerCode === 'RESOURCE_NOT_EXISTS';
    },

    /** WeChat answered and said no (4xx): retrying the same call will not help. */
    isDefinitiveRefusal(err: unknown): boolean {
      const details = (err as any)?.details ?? {};
      return (err as any)?.code === 'PAYMENT_PROVIDER' && typeof details.httpStatus === 'number' && details.httpStatus >= 400 && details.httpStatus < 500;
    },
  };
};
