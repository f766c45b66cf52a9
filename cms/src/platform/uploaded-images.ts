import { fail } from './errors';

/** One file of a multipart/form-data request, as Strapi's body parser (formidable) hands it over. */
export interface UploadedFile {
  filepath: string;
  originalFilename?: string | null;
  mimetype?: string | null;
  size: number;
}

export const IMAGE_TYPES = ['image/jpeg', 'image/png', 'image/webp'];

/** The one file in form field `field` of a multipart request (wx.uploadFile sends it as `file`). */
export function uploadedFile(request: unknown, field = 'file'): UploadedFile | undefined {
  const files = ((request as { files?: Record<string, UploadedFile | UploadedFile[]> }).files ?? {})[field];
  return Array.isArray(files) ? files[0] : files;
}

/**
 * Refuses anything but one JPEG, PNG or WebP image of at most `maxBytes`, with a sentence naming `what` it is
 * (e.g. "The payment proof"), so members and staff know what to send instead.
 */
export function acceptImage(file: UploadedFile | undefined, opts: { what: string; maxBytes: number; field?: string; hint?: string }): UploadedFile {
  const field = opts.field ?? 'file';
  const mb = Math.round(opts.maxBytes / (1024 * 1024));
  if (!file) throw fail('VALIDATION', `Attach ${opts.what.toLowerCase()} as an image in the form field "${field}".`, { errors: [{ path: [field], field, message: 'required' }] });
  if (!IMAGE_TYPES.includes(String(file.mimetype))) {
    throw fail('VALIDATION', `${opts.what} must be a JPEG, PNG or WebP image${opts.hint ? ` (${opts.hint})` : ''}.`, { errors: [{ path: [field], field, message: `type ${file.mimetype} not accepted` }] });
  }
  if (file.size > opts.maxBytes) {
    throw fail('VALIDATION', `${opts.what} image is larger than ${mb} MB; send a smaller one.`, { errors: [{ path: [field], field, message: `larger than ${mb} MB` }] });
  }
  return file;
}
