import { useIntl } from 'react-intl';
import { PLUGIN_ID } from '../pluginId';
import en from '../translations/en.json';

type Key = keyof typeof en;

/** Translations of this plugin's pages (every string lives in translations/{zh-Hans,en}.json). */
export function useT() {
  const intl = useIntl();
  const t = (key: Key, values?: Record<string, string | number>) => intl.formatMessage({ id: `${PLUGIN_ID}.${key}`, defaultMessage: en[key] }, values) as string;
  /**
   * How a refusal from the server reads to staff: in English its own sentence (it names the exact problem);
   * otherwise the translated sentence for its code (API.md), or the server's sentence for a code without one.
   */
  const refusal = (err: unknown): string => {
    const e = err as any;
    const sentence: string = e?.response?.data?.error?.message ?? e?.message ?? t('common.error');
    const key = `refusal.${e?.response?.data?.error?.details?.code ?? e?.code}`;
    return intl.locale.startsWith('en') || !(key in en) ? sentence : t(key as Key);
  };
  return { t, locale: intl.locale, refusal };
}
