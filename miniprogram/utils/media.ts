/**
 * The CMS serves uploaded images under a path of its own ("/uploads/…"); the mini program needs the
 * whole address. Absolute URLs (a CDN provider) pass through unchanged.
 */
export function mediaUrl(url: string, apiBaseUrl: string): string {
  if (/^(https?:)?\/\//.test(url) || url.startsWith('data:')) return url;
  return `${apiBaseUrl.replace(/\/$/, '')}/${url.replace(/^\//, '')}`;
}
