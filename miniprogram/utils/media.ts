/** Strapi media URLs are relative to the CMS (`/uploads/…`) unless a cloud provider serves them. */
import { config } from '../config';

export function mediaUrl(media: { url: string } | string | null | undefined): string {
  const url = !media ? '' : typeof media === 'string' ? media : media.url;
  if (!url) return '';
  return url.startsWith('/') ? `${config.apiBaseUrl.replace(/\/$/, '')}${url}` : url;
}
