// The firm's export of a conversation: its transcript and every document, streamed as a zip.
import type {Readable} from 'node:stream';
import yazl from 'yazl';
import type {SocketPrincipal as Principal} from '../../protocol/events.js';
import {AppError} from '../errors.js';
import type {ChatService} from '../chat/index.js';
import type {PrivacyService} from '../services/privacy.js';
import type {AttachmentService} from './service.js';

export function createExporter(deps: {chat: ChatService; privacy: PrivacyService; attachments: AttachmentService}) {
  return {
    /** Lawyers of the firm only: `transcript.txt` and `documents/<n>-<name>`, never held whole in memory. */
    async zip(p: Principal, conversationId: string): Promise<{filename: string; type: string; stream: Readable}> {
      if (p.kind !== 'lawyer') throw new AppError('forbidden', 'only lawyers can export a conversation');
      const conv = await deps.chat.loadMember(p, conversationId);
      const {text} = await deps.privacy.transcript(p, conversationId);
      const docs = await deps.attachments.list(conv._id);
      const zip = new yazl.ZipFile();
      zip.addBuffer(Buffer.from(text, 'utf8'), 'transcript.txt');
      const width = String(docs.length).length;
      docs.forEach((doc, i) => {
        const entry = `documents/${String(i + 1).padStart(width, '0')}-${doc.name}`;
        // Opened when the zip reaches it, so one file is read at a time.
        zip.addReadStreamLazy(entry, {size: doc.size, compress: false, mtime: new Date(doc.createdAt)}, (cb) => {
          deps.attachments.open(doc._id).then((opened) => (opened ? cb(null, opened.stream) : cb(new Error(`document ${doc._id} is gone`), undefined as never)), (err) => cb(err, undefined as never));
        });
      });
      zip.end();
      return {filename: `conversation-${conv._id}.zip`, type: 'application/zip', stream: zip.outputStream as Readable};
    },
  };
}

export type Exporter = ReturnType<typeof createExporter>;
