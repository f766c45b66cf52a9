import { promises as fs } from 'node:fs';
import { koaBody } from 'koa-body';
import mime from 'mime-types';

/**
 * `strapi::body` (koa-body: JSON, forms and multipart uploads, the raw bytes kept for payment
 * notifications), with koa-body built once at startup. Strapi's own middleware builds it, and validates its
 * options with zod, on every request: 5 % of a constant route's CPU in a profile (bench/).
 * The behaviour is Strapi's: an upload's missing MIME type is guessed from its name, a file over
 * the size limit answers 413, and uploaded temporary files are removed after the request.
 */
type Config = Record<string, unknown>;

/** The parts of koa-body's (formidable's) file this middleware reads or sets. */
interface UploadedFile {
  filepath: string;
  name?: string;
  type?: string;
}

const filesOf = (ctx: any): UploadedFile | UploadedFile[] | undefined => ctx?.request?.files?.files;
const each = (files: UploadedFile | UploadedFile[], fn: (f: UploadedFile) => void) => (Array.isArray(files) ? files.forEach(fn) : fn(files));

function guessType(file: UploadedFile) {
  if (!file.type) file.type = mime.lookup(file.name ?? '') || 'application/octet-stream';
}

export default (config: Config) => {
  const parse = koaBody({ multipart: true, patchKoa: true, ...config } as any);
  return async (ctx: any, next: () => Promise<void>) => {
    try {
      await parse(ctx, async () => undefined);
      const files = filesOf(ctx);
      if (files) each(files, guessType);
    } catch (error) {
      if (error instanceof Error && error.message?.includes('maxFileSize') && error.message.includes('exceeded')) return ctx.payloadTooLarge('FileTooBig');
      throw error;
    }
    try {
      await next();
    } finally {
      const files = filesOf(ctx);
      if (files) {
        // Not awaited: the member need not wait for the temporary file's removal.
        each(files, (f) => void fs.rm(f.filepath, { force: true }).catch(() => undefined));
        delete ctx.request.files;
      }
    }
  };
};
