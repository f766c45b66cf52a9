export const PLUGIN_ID = 'payments';
