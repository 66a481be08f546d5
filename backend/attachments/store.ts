// The bytes of documents: GridFS on Mongoose's connection (bucket `attachments`), streamed in
// and out. An upload is hashed and counted as it passes; one over the limit is aborted and its
// chunks removed, so a refused or broken upload leaves nothing behind.
import {createHash} from 'node:crypto';
import {Transform, type Readable} from 'node:stream';
import {pipeline} from 'node:stream/promises';
import {mongo, type Connection, type Types} from 'mongoose';
import {AppError} from '../errors.js';

export const BUCKET = 'attachments';
/** 255 KiB, the GridFS default: a 25 MB file is about 100 chunks. */
const CHUNK_BYTES = 255 * 1024;

export interface Stored {
  size: number;
  sha256: string;
}

export function createFileStore(db: Connection) {
  const bucket = () => new mongo.GridFSBucket(db.db!, {bucketName: BUCKET, chunkSizeBytes: CHUNK_BYTES});
  const chunks = () => db.db!.collection(`${BUCKET}.chunks`);
  const files = () => db.db!.collection(`${BUCKET}.files`);

  return {
    /** The indexes GridFS reads need: chunks by (files_id, n), served in order. */
    async prepare(): Promise<void> {
      await chunks().createIndex({files_id: 1, n: 1}, {unique: true});
      await files().createIndex({filename: 1, uploadDate: 1});
    },

    /**
     * Streams `head` then the rest of `source` into the file `id`; refuses past `maxBytes`
     * (the partial file is deleted). Memory stays at a chunk or two whatever the size.
     */
    async write(id: Types.ObjectId, name: string, mime: string, head: Buffer, source: Readable, maxBytes: number): Promise<Stored> {
      const hash = createHash('sha256');
      let size = 0;
      const meter = new Transform({
        transform(chunk: Buffer, _enc, done) {
          size += chunk.length;
          if (size > maxBytes) return done(new AppError('payload_too_large', `the file is larger than ${Math.round(maxBytes / 1048576)} MB`, {reason: 'too_large'}));
          hash.update(chunk);
          done(null, chunk);
        },
      });
      meter.write(head);
      const upload = bucket().openUploadStreamWithId(id, name, {metadata: {contentType: mime}});
      try {
        await pipeline(source, meter, upload);
      } catch (err) {
        await this.remove(id);
        throw err;
      }
      return {size, sha256: hash.digest('hex')};
    },

    /** The file's bytes; `null` when it is gone. */
    async open(id: Types.ObjectId): Promise<{stream: Readable; length: number} | null> {
      const file = await files().findOne({_id: id}, {projection: {length: 1}});
      if (!file) return null;
      return {stream: bucket().openDownloadStream(id), length: file.length as number};
    },

    /** Deletes the file and every chunk (also those of an upload that never finished). */
    async remove(id: Types.ObjectId): Promise<void> {
      await files().deleteOne({_id: id});
      await chunks().deleteMany({files_id: id});
    },

    /** For tests and erasure proofs: chunks stored for these files. */
    countChunks: (ids: Types.ObjectId[]) => Promise.all(ids.map((id) => chunks().countDocuments({files_id: id}))).then((n) => n.reduce((a, b) => a + b, 0)),
  };
}

export type FileStore = ReturnType<typeof createFileStore>;
