// Documents in a conversation: upload (sniffed, streamed into GridFS, posted as a message once
// per clientId), signed download links, the bytes behind them, and removal with the message or
// the applicant.
import type {Readable} from 'node:stream';
import {Readable as ReadableStream} from 'node:stream';
import {Types} from 'mongoose';
import {ATTACHMENT_TYPES, ATTACHMENT_TYPE_IDS, PREVIEWABLE, type AttachmentDto, type AttachmentLink, type AttachmentRefusal, type AttachmentType} from '../../protocol/attachments.js';
import type {MessageDto} from '../../protocol/chat.js';
import type {SocketPrincipal as Principal} from '../../protocol/events.js';
import type {Valid} from '../../protocol/schemas.js';
import type {Config} from '../config.js';
import {AppError} from '../errors.js';
import type {Attachment, Message, Models} from '../models/index.js';
import type {ChatService} from '../chat/index.js';
import type {FirmCache} from '../infra/firm-cache.js';
import {createLinkSigner, type Disposition} from './links.js';
import {SNIFF_BYTES, sniff} from './sniff.js';
import type {FileStore} from './store.js';

/** A file part of a request, as the transport hands it over. */
export interface IncomingFile {
  stream: Readable;
  filename: string;
  /** Settles when the rest of the request has been read; rejects if it was malformed. */
  done: Promise<void>;
}

export interface AttachmentLimits {
  maxBytes: number;
  conversationBytes: number;
  conversationFiles: number;
  types: readonly AttachmentType[];
}

export function limitsFrom(config: Config): AttachmentLimits {
  return {
    maxBytes: Math.round(config.ATTACHMENT_MAX_MB * 1048576),
    conversationBytes: Math.round(config.ATTACHMENT_CONVERSATION_MAX_MB * 1048576),
    conversationFiles: config.ATTACHMENT_CONVERSATION_MAX_FILES,
    types: config.ATTACHMENT_TYPES,
  };
}

const refuse = (reason: AttachmentRefusal, message: string, code: 'unsupported_media_type' | 'payload_too_large' | 'bad_request' | 'conflict' = 'unsupported_media_type') =>
  new AppError(code, message, {reason});

/** Reads up to `n` bytes without consuming the rest; `ended` when that was the whole stream. */
function readHead(stream: Readable, n: number): Promise<{head: Buffer; ended: boolean}> {
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    let length = 0;
    const finish = (ended: boolean) => {
      stream.off('readable', onReadable).off('end', onEnd).off('error', onError);
      const head = Buffer.concat(parts);
      // Bytes read past `n` go back to the front of the stream.
      if (head.length > n) stream.unshift(head.subarray(n));
      resolve({head: head.subarray(0, n), ended});
    };
    const onReadable = () => {
      let chunk: Buffer | null;
      while (length < n && (chunk = stream.read()) !== null) {
        parts.push(chunk);
        length += chunk.length;
      }
      if (length >= n) finish(false);
    };
    const onEnd = () => finish(true);
    const onError = (err: Error) => {
      stream.off('readable', onReadable).off('end', onEnd);
      reject(err);
    };
    stream.on('readable', onReadable).on('end', onEnd).on('error', onError);
  });
}

export function createAttachmentService(deps: {models: Models; chat: ChatService; store: FileStore; firmCache: FirmCache; config: Config}) {
  const {Attachment} = deps.models;
  const {chat, store, config} = deps;
  const limits = limitsFrom(config);
  const links = createLinkSigner(config.JWT_SECRET);

  async function acceptedTypes(firmId: Types.ObjectId): Promise<AttachmentType[]> {
    const firm = await deps.firmCache.byId(String(firmId));
    const narrowed = firm?.attachmentTypes?.length ? firm.attachmentTypes : ATTACHMENT_TYPE_IDS;
    return limits.types.filter((t) => narrowed.includes(t));
  }

  /** What the conversation already holds (bounded by the file-count limit). */
  async function held(conversationId: Types.ObjectId): Promise<{files: number; bytes: number}> {
    const docs = await Attachment.find({conversationId}).select({size: 1}).limit(limits.conversationFiles + 1).lean<Pick<Attachment, 'size'>[]>();
    return {files: docs.length, bytes: docs.reduce((sum, d) => sum + (d.size ?? 0), 0)};
  }

  /** Before an upload: is there room left? After it (counted in `h`): is it still within the limits? */
  function checkRoom(h: {files: number; bytes: number}, when: 'before' | 'after'): void {
    const over = (n: number, max: number) => (when === 'before' ? n >= max : n > max);
    if (over(h.files, limits.conversationFiles)) throw refuse('conversation_full', `this conversation already holds ${limits.conversationFiles} documents`, 'conflict');
    if (over(h.bytes, limits.conversationBytes)) throw refuse('conversation_full', `this conversation's documents would exceed ${Math.round(limits.conversationBytes / 1048576)} MB`, 'conflict');
  }

  async function removeFile(id: Types.ObjectId): Promise<void> {
    await store.remove(id);
    await Attachment.deleteOne({_id: id});
  }

  async function purgeConversations(conversationIds: Types.ObjectId[]): Promise<number> {
    let deleted = 0;
    for (const conversationId of conversationIds) {
      const docs = await Attachment.find({conversationId}).select({_id: 1}).lean<{_id: Types.ObjectId}[]>();
      for (const d of docs) await store.remove(d._id);
      deleted += (await Attachment.deleteMany({conversationId})).deletedCount;
    }
    return deleted;
  }

  return {
    limits,

    /** Stores the file once per clientId and posts its message; refusals leave nothing stored. */
    async upload(p: Principal, input: Valid<'uploadAttachment'>, file: IncomingFile | undefined): Promise<MessageDto> {
      if (!file) throw refuse('no_file', 'the request has no file part named "file"', 'bad_request');
      const conv = await chat.loadMember(p, input.conversationId);
      // A repeat of a stored upload answers without reading the file again.
      const repeat = await chat.findByClientId(p, conv._id, input.clientId);
      if (repeat) {
        file.stream.resume();
        await file.done;
        return repeat;
      }
      checkRoom(await held(conv._id), 'before');
      // A request that breaks before the head arrives rejects `done` (the stream may never end).
      const broken = file.done.then(() => new Promise<never>(() => {}));
      const {head, ended} = await Promise.race([readHead(file.stream, SNIFF_BYTES), broken]);
      if (head.length > limits.maxBytes) throw refuse('too_large', `the file is larger than ${Math.round(limits.maxBytes / 1048576)} MB`, 'payload_too_large');
      const verdict = await sniff(head, file.filename, ended, await acceptedTypes(conv.firmId));
      if (!verdict.ok) throw refuse(verdict.reason, verdict.message, verdict.reason === 'empty' ? 'bad_request' : 'unsupported_media_type');
      const {mime} = ATTACHMENT_TYPES[verdict.type];
      const id = new Types.ObjectId();
      const stored = await store.write(id, verdict.name, mime, head, ended ? ReadableStream.from([]) : file.stream, limits.maxBytes);
      try {
        await file.done; // a malformed end of the request refuses the whole upload
        const attachment: AttachmentDto = {id: String(id), name: verdict.name, size: stored.size, sha256: stored.sha256, type: verdict.type, mime};
        await Attachment.create({_id: id, conversationId: conv._id, firmId: conv.firmId, uploader: {kind: p.kind, id: new Types.ObjectId(p.id)},
          name: attachment.name, size: attachment.size, sha256: attachment.sha256, type: attachment.type, mime, messageId: null});
        // Concurrent uploads all count themselves before deciding, so none can push past the limit.
        checkRoom(await held(conv._id), 'after');
        const {dto, fresh} = await chat.sendAttachment(p, input.conversationId, {clientId: input.clientId, caption: input.caption ?? '', attachment});
        if (!fresh) await removeFile(id);
        else await Attachment.updateOne({_id: id}, {$set: {messageId: new Types.ObjectId(dto.id)}});
        return dto;
      } catch (err) {
        await removeFile(id);
        throw err;
      }
    },

    /** A short-lived signed URL for a member of the document's conversation. */
    async link(p: Principal, input: Valid<'attachmentLink'>): Promise<AttachmentLink> {
      const rec = await Attachment.findById(new Types.ObjectId(input.attachmentId)).lean<Attachment>();
      if (!rec || !rec.messageId) throw new AppError('not_found', 'document not found');
      await chat.loadMember(p, String(rec.conversationId));
      const disposition: Disposition = input.inline === '1' && PREVIEWABLE.includes(rec.type) ? 'inline' : 'attachment';
      const {query, expiresAt} = links.sign(String(rec._id), disposition);
      return {url: `${config.PUBLIC_URL}/files/${rec._id}?${query}`, expiresAt: expiresAt.toISOString()};
    },

    /** The bytes behind a signed link, or null when the link is bad or the document gone. */
    async download(id: string, query: Record<string, unknown>): Promise<{status: 403} | {status: 404} | {status: 200; rec: Attachment; disposition: Disposition; stream: Readable; length: number}> {
      if (!Types.ObjectId.isValid(id) || !/^[0-9a-f]{24}$/i.test(id)) return {status: 404};
      const claims = links.verify(id, query);
      if (!claims) return {status: 403};
      const rec = await Attachment.findById(new Types.ObjectId(id)).lean<Attachment>();
      if (!rec || !rec.messageId) return {status: 404};
      const opened = await store.open(rec._id);
      if (!opened) return {status: 404};
      return {status: 200, rec, disposition: claims.disposition, ...opened};
    },

    /** A conversation's stored documents, oldest first (for the transcript and the zip). */
    async list(conversationId: Types.ObjectId): Promise<Attachment[]> {
      const docs = await Attachment.find({conversationId}).lean<Attachment[]>();
      return docs.filter((d) => d.messageId).sort((a, b) => +a.createdAt - +b.createdAt);
    },

    open: (id: Types.ObjectId) => store.open(id),

    /** Deleting an attachment message deletes its bytes. */
    async onMessageDeleted(message: Message): Promise<void> {
      if (message.kind !== 'attachment' || !message.attachment) return;
      await removeFile(new Types.ObjectId(message.attachment.id));
    },

    /** Every document of these conversations, stored or half-uploaded: bytes, then records. */
    purgeConversations,

    /** Erasure: every document of the applicant's conversations. */
    eraser: async (_applicantId: Types.ObjectId, conversationIds: Types.ObjectId[]) => ({name: 'attachments', deleted: await purgeConversations(conversationIds)}),
  };
}

export type AttachmentService = ReturnType<typeof createAttachmentService>;
