// Small images (a firm's logo, a lawyer's avatar) kept in the database. The type comes from the
// bytes, never from the client; SVG is refused (it can carry script).
import {createHash} from 'node:crypto';
import {Types} from 'mongoose';
import {AppError} from '../errors.js';
import type {Models, StoredImage} from '../models/index.js';

export const IMAGE_MAX_BYTES = 20 * 1024;

/** The image type of these bytes by their magic numbers, or null. */
export function sniffImage(b: Buffer): string | null {
  if (b.length >= 8 && b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'image/jpeg';
  if (b.length >= 6 && /^GIF8[79]a$/.test(b.subarray(0, 6).toString('latin1'))) return 'image/gif';
  if (b.length >= 12 && b.subarray(0, 4).toString('latin1') === 'RIFF' && b.subarray(8, 12).toString('latin1') === 'WEBP') return 'image/webp';
  return null;
}

export function createImageStore(models: Models, publicUrl: string) {
  const {Image} = models;
  const base = new URL(publicUrl).origin;
  return {
    /** Stores base64 image bytes for `field`; throws a bad_request naming it when they are not an image. */
    async put(firmId: string, base64: string, field: string): Promise<{id: string; url: string}> {
      const data = /^[A-Za-z0-9+/=\s]+$/.test(base64) ? Buffer.from(base64, 'base64') : Buffer.alloc(0);
      const type = sniffImage(data);
      if (!type) throw new AppError('bad_request', `${field}: the file is not an image (PNG, JPEG, GIF or WebP)`, {issues: [{path: field, message: 'the file is not an image (PNG, JPEG, GIF or WebP)'}]});
      if (data.length > IMAGE_MAX_BYTES) throw new AppError('bad_request', `${field}: the image is too large (20 KB at most)`, {issues: [{path: field, message: 'the image is too large (20 KB at most)'}]});
      const doc = await Image.create({firmId: new Types.ObjectId(firmId), type, data, sha: createHash('sha256').update(data).digest('hex')});
      return {id: String(doc._id), url: `${base}/images/${doc._id}`};
    },

    async remove(url: string | null | undefined): Promise<void> {
      const id = url ? /\/images\/([0-9a-f]{24})$/.exec(url)?.[1] : undefined;
      if (id) await Image.deleteOne({_id: new Types.ObjectId(id)});
    },

    async get(id: string): Promise<StoredImage | null> {
      if (!/^[0-9a-f]{24}$/.test(id)) return null;
      return Image.findById(id).lean<StoredImage>();
    },
  };
}

export type ImageStore = ReturnType<typeof createImageStore>;
