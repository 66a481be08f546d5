// Decides a document's type from its first bytes (never from its name or the browser's claim),
// and whether its name agrees. file-type reads the magic bytes; plain text is ours to tell apart
// from markup, which a browser could run.
import path from 'node:path';
import {fileTypeFromBuffer} from 'file-type';
import {ATTACHMENT_NAME_MAX, ATTACHMENT_TYPES, type AttachmentRefusal, type AttachmentType} from '../../protocol/attachments.js';

/** Enough of the file for every accepted type (DOCX needs its first zip entries). */
export const SNIFF_BYTES = 64 * 1024;

export type Sniffed = {ok: true; type: AttachmentType; name: string} | {ok: false; reason: AttachmentRefusal; message: string};

const EXECUTABLE = new Set(['exe', 'elf', 'mach', 'class', 'dex', 'wasm', 'msi', 'deb', 'rpm', 'apk', 'dmg', 'lnk', 'swf']);
const ARCHIVE = new Set(['zip', 'rar', '7z', 'tar', 'gz', 'bz2', 'xz', 'zst', 'cab', 'lz', 'lzh', 'ar', 'cpio', 'jar', 'Z', 'arj', 'lz4']);
const MARKUP = new Set(['xml', 'svg', 'html', 'xhtml']);
const EXECUTABLE_NAMES = /\.(exe|com|bat|cmd|scr|pif|msi|dll|js|jse|vbs|vbe|wsf|wsh|ps1|sh|jar|app|apk|lnk|hta|cpl)$/i;

const BY_MIME = new Map(Object.entries(ATTACHMENT_TYPES).map(([id, t]) => [t.mime as string, id as AttachmentType]));

/** Text a browser might render as a page or an image: refused even when it is valid UTF-8. */
function looksLikeMarkup(text: string): boolean {
  const start = text.replace(/^\uFEFF/, '').trimStart().slice(0, 512).toLowerCase();
  return start.startsWith('<') && /^<(\?xml|!doctype|html|svg|head|body|script|iframe|!--|[a-z][a-z0-9-]*[\s>/])/.test(start);
}

/** UTF-8 text without NUL or most control characters (a truncated last character is fine). */
function isPlainText(head: Uint8Array, complete: boolean): string | null {
  let bytes = head;
  if (!complete) {
    // Drop a multi-byte character cut at the end of the sample.
    let cut = bytes.length;
    for (let i = bytes.length - 1; i >= Math.max(0, bytes.length - 4); i--) {
      if ((bytes[i] & 0xc0) === 0xc0) { cut = i; break; }
      if ((bytes[i] & 0x80) === 0) break;
    }
    bytes = bytes.subarray(0, cut);
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', {fatal: true}).decode(bytes);
  } catch {
    return null;
  }
  return /[\u0000-\u0008\u000E-\u001A\u001C-\u001F]/.test(text) ? null : text;
}

/** A name safe to show and to put in Content-Disposition: no folders, controls, or odd dots. */
export function sanitizeName(raw: string): string {
  const base = path.posix.basename(path.win32.basename(String(raw ?? '')));
  const clean = base.normalize('NFC')
    .replace(/[\u0000-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069"*:<>?|\\/]/g, '')
    .replace(/\s+/g, ' ')
    .replace(/^[\s.]+|[\s.]+$/g, '');
  return clean || 'document';
}

function withExtension(name: string, ext: string): string {
  const stem = name.replace(/\.[^.]*$/, '');
  const keep = ATTACHMENT_NAME_MAX - ext.length - 1;
  return `${(stem || 'document').slice(0, keep)}.${ext}`;
}

/**
 * What the content is, and the name the file will carry. `complete` when `head` is the whole file.
 * `accepted` narrows the default list (the firm's choice).
 */
export async function sniff(head: Uint8Array, rawName: string, complete: boolean, accepted: readonly AttachmentType[]): Promise<Sniffed> {
  const name = sanitizeName(rawName);
  if (head.length === 0) return {ok: false, reason: 'empty', message: 'the file is empty'};
  const detected = await fileTypeFromBuffer(head);
  let type: AttachmentType | undefined;
  if (detected) {
    if (EXECUTABLE.has(detected.ext)) return {ok: false, reason: 'executable', message: `the file is a program (${detected.ext}), which is never accepted`};
    if (MARKUP.has(detected.ext)) return {ok: false, reason: 'markup', message: 'HTML, SVG and XML files are not accepted'};
    type = BY_MIME.get(detected.mime) ?? (detected.ext === 'heic' || detected.mime === 'image/heif' ? 'heic' : undefined);
    if (!type && ARCHIVE.has(detected.ext)) return {ok: false, reason: 'archive', message: `archives (${detected.ext}) are not accepted; send the documents themselves`};
    if (!type) return {ok: false, reason: 'type_not_accepted', message: `this kind of file (${detected.ext}) is not accepted`};
  } else {
    const text = isPlainText(head, complete);
    if (text === null) return {ok: false, reason: 'type_not_accepted', message: 'the file\'s type could not be recognised'};
    if (looksLikeMarkup(text)) return {ok: false, reason: 'markup', message: 'HTML, SVG and XML files are not accepted'};
    type = 'txt';
  }
  if (!accepted.includes(type)) return {ok: false, reason: 'type_not_accepted', message: `${type.toUpperCase()} files are not accepted here`};
  const exts: readonly string[] = ATTACHMENT_TYPES[type].exts;
  const ext = /\.([^.]{1,10})$/.exec(name)?.[1]?.toLowerCase();
  if (EXECUTABLE_NAMES.test(name)) return {ok: false, reason: 'type_mismatch', message: `the name ends in .${ext} but the content is ${type.toUpperCase()}; rename the file`};
  if (ext && !exts.includes(ext) && Object.values(ATTACHMENT_TYPES).some((t) => (t.exts as readonly string[]).includes(ext))) {
    return {ok: false, reason: 'type_mismatch', message: `the name says .${ext} but the content is ${type.toUpperCase()}`};
  }
  // A name without a known extension gets the detected one.
  return {ok: true, type, name: ext && exts.includes(ext) ? (name.length > ATTACHMENT_NAME_MAX ? withExtension(name, ext) : name) : withExtension(name, exts[0])};
}
