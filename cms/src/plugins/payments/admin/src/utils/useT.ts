import { useIntl } from 'react-intl';
import { PLUGIN_ID } from '../pluginId';
import en from '../translations/en.json';

type Key = keyof typeof en;

/** Translations of this plugin's pages (every string lives in translations/{zh-Hans,en}.json). */
export function useT() {
  const intl = useIntl();
  const t = (key: Key, values?: Record<string, string | number>) => intl.formatMessage({ id: `${PLUGIN_ID}.${key}`, defaultMessage: en[key] }, values) as string;
  return { t, locale: intl.locale };
}
