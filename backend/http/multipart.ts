// Streaming multipart/form-data: text fields first, then one file handed over as a stream the
// moment its part begins. Nothing is buffered beyond the parser's own window.
import type {IncomingMessage} from 'node:http';
import Busboy from '@fastify/busboy';
import {AppError} from '../errors.js';
import type {IncomingFile} from '../attachments/service.js';

export interface MultipartSpec {
  /** The name of the one file field. */
  file: string;
  maxFields: number;
}

export interface Multipart {
  fields: Record<string, string>;
  file?: IncomingFile;
}

const bad = (message: string) => new AppError('bad_request', message, {reason: 'malformed'});

/** Resolves when the file part begins (or the body ends without one). */
export function readMultipart(req: IncomingMessage, spec: MultipartSpec): Promise<Multipart> {
  if (!/^multipart\/form-data\s*;/i.test(req.headers['content-type'] ?? '')) {
    return Promise.reject(bad(`send the document as multipart/form-data with a field "${spec.file}"`));
  }
  return new Promise((resolve, reject) => {
    const fields: Record<string, string> = {};
    let file: IncomingFile | undefined;
    let settleDone: {resolve: () => void; reject: (e: Error) => void} | undefined;
    let failed: Error | undefined;

    let parser: ReturnType<typeof Busboy>;
    try {
      parser = Busboy({
        headers: req.headers as {'content-type': string},
        limits: {fields: spec.maxFields, files: 1, parts: spec.maxFields + 1, fieldSize: 16 * 1024, fieldNameSize: 100, headerPairs: 20},
      });
    } catch (err) {
      reject(bad(`malformed multipart request: ${(err as Error).message}`));
      return;
    }

    /** Stops reading the request: the answer goes out, the rest of the body is discarded. */
    const fail = (err: Error) => {
      if (failed) return;
      failed = err;
      req.unpipe(parser);
      req.resume();
      if (file) {
        if (!file.stream.destroyed && !file.stream.readableEnded) file.stream.destroy(err);
        settleDone?.reject(err);
      } else reject(err);
    };

    parser.on('field', (name, value, nameTruncated, valueTruncated) => {
      if (file) return fail(bad('text fields must come before the file'));
      if (nameTruncated || valueTruncated) return fail(bad(`field "${name.slice(0, 40)}" is too long`));
      if (Object.hasOwn(fields, name)) return fail(bad(`field "${name.slice(0, 40)}" is sent twice`));
      fields[name] = value;
    });
    parser.on('file', (name, stream, filename) => {
      if (name !== spec.file) {
        stream.resume();
        return fail(bad(`unexpected file field "${name.slice(0, 40)}"; the document goes in "${spec.file}"`));
      }
      const done = new Promise<void>((res, rej) => (settleDone = {resolve: res, reject: rej}));
      done.catch(() => {}); // observed by whoever awaits it
      stream.on('error', () => {});
      file = {stream, filename: filename ?? '', done};
      resolve({fields, file});
    });
    const tooMany = () => fail(bad(`too many parts: at most ${spec.maxFields} text fields and one file`));
    parser.on('partsLimit', tooMany).on('filesLimit', tooMany).on('fieldsLimit', tooMany);
    parser.on('error', (err) => fail(bad(`malformed multipart body: ${(err as Error).message}`)));
    parser.on('finish', () => {
      if (failed) return;
      if (file) settleDone!.resolve();
      else resolve({fields});
    });
    req.on('aborted', () => fail(bad('the upload was interrupted')));
    req.pipe(parser);
  });
}
