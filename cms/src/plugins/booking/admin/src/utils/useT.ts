import { useIntl } from 'react-intl';
import { PLUGIN_ID } from '../pluginId';
import en from '../translations/en.json';

type Key = keyof typeof en;

/** Translate a key of this plugin's translations (English as the fallback text). */
export function useT() {
  const { formatMessage } = useIntl();
  return (key: Key, values?: Record<string, string | number>) => formatMessage({ id: `${PLUGIN_ID}.${key}`, defaultMessage: en[key] }, values);
}

export const trad = (key: Key) => ({ id: `${PLUGIN_ID}.${key}`, defaultMessage: en[key] });
