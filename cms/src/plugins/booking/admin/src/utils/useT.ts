import { useIntl } from 'react-intl';
import { PLUGIN_ID } from '../pluginId';
import en from '../translations/en.json';

type Key = keyof typeof en;

/** Translate a key of this plugin's translations (English as the fallback text). */
export function useT() {
  const { formatMessage } = useIntl();
  return (key: Key, values?: Record<string, string | number>) => formatMessage({ id: `${PLUGIN_ID}.${key}`, defaultMessage: en[key] }, values);
}

/**
 * How a refusal from the server reads to staff: in English its own sentence (it names the exact problem);
 * otherwise the translated sentence for its code (API.md), or the server's sentence for a code without one.
 */
export function useRefusal() {
  const { formatMessage, locale } = useIntl();
  return (err: unknown): string => {
    const e = err as { message?: string; code?: string };
    const key = `refusal.${e?.code}`;
    if (locale.startsWith('en') || !(key in en)) return e?.message ?? '';
    return formatMessage({ id: `${PLUGIN_ID}.${key}`, defaultMessage: en[key as Key] });
  };
}

export const trad = (key: Key) => ({ id: `${PLUGIN_ID}.${key}`, defaultMessage: en[key] });
