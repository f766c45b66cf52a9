/**
 * The CMS serves uploaded images under a path of its own ("/uploads/…"); the mini program needs the
 * whole address. Absolute URLs (a CDN provider) and data URLs pass through unchanged.
 */
import { config } from '../config';

export function mediaUrl(media: { url: string } | string | null | undefined, apiBaseUrl: string = config.apiBaseUrl): string {
  const url = !media ? '' : typeof media === 'string' ? media : media.url;
  if (!url) return '';
  if (/^(https?:)?\/\//.test(url) || url.startsWith('data:')) return url;
  return `${apiBaseUrl.replace(/\/$/, '')}/${url.replace(/^\//, '')}`;
}
