// Every string of the documents part, per language (en, fr, es), typed like the widget's tables.
import type {AttachmentRefusal, AttachmentType} from '../../../protocol/attachments.js';

export interface DocumentStrings {
  attach: string;
  region: string;
  caption: string;
  send: (n: number) => string;
  cancel: string;
  remove: (name: string) => string;
  retry: string;
  uploading: (name: string) => string;
  waiting: string;
  download: (name: string) => string;
  preview: (name: string) => string;
  types: Record<AttachmentType, string>;
  refusal: (reason: AttachmentRefusal | string, maxMb: number) => string;
  dropHere: string;
}

const types = (txt: string, img: string, word: string, odt: string): Record<AttachmentType, string> =>
  ({pdf: 'PDF', jpeg: `${img} JPEG`, png: `${img} PNG`, webp: `${img} WebP`, heic: `${img} HEIC`, docx: word, odt, txt});

const en: DocumentStrings = {
  attach: 'Attach files',
  region: 'Files to send',
  caption: 'Add a caption (optional)',
  send: (n) => (n === 1 ? 'Send file' : `Send ${n} files`),
  cancel: 'Cancel',
  remove: (name) => `Remove ${name}`,
  retry: 'Retry',
  uploading: (name) => `Uploading ${name}`,
  waiting: 'Not sent yet; retrying…',
  download: (name) => `Download ${name}`,
  preview: (name) => `Preview of ${name}`,
  types: types('Text', 'Image', 'Word document', 'OpenDocument text'),
  refusal: (reason, mb) => ({
    too_large: `This file is larger than ${mb} MB.`,
    empty: 'This file is empty.',
    type_not_accepted: 'This kind of file is not accepted. Send a PDF, an image (JPEG, PNG, WebP, HEIC), a Word or OpenDocument text, or plain text.',
    type_mismatch: 'The file’s name does not match its content. Rename it and try again.',
    executable: 'Programs cannot be sent.',
    archive: 'Archives (zip…) cannot be sent; send the documents themselves.',
    markup: 'Web pages and SVG images cannot be sent.',
    conversation_full: 'This conversation has reached its limit for documents.',
    rate_limited: 'Too many files at once; please wait a moment.',
  } as Record<string, string>)[reason] ?? 'This file could not be sent.',
  dropHere: 'Drop files to attach them',
};

const fr: DocumentStrings = {
  attach: 'Joindre des fichiers',
  region: 'Fichiers à envoyer',
  caption: 'Ajouter une légende (facultatif)',
  send: (n) => (n === 1 ? 'Envoyer le fichier' : `Envoyer ${n} fichiers`),
  cancel: 'Annuler',
  remove: (name) => `Retirer ${name}`,
  retry: 'Réessayer',
  uploading: (name) => `Envoi de ${name}`,
  waiting: 'Pas encore envoyé ; nouvel essai…',
  download: (name) => `Télécharger ${name}`,
  preview: (name) => `Aperçu de ${name}`,
  types: types('Texte', 'Image', 'Document Word', 'Texte OpenDocument'),
  refusal: (reason, mb) => ({
    too_large: `Ce fichier dépasse ${mb} Mo.`,
    empty: 'Ce fichier est vide.',
    type_not_accepted: 'Ce type de fichier n’est pas accepté. Envoyez un PDF, une image (JPEG, PNG, WebP, HEIC), un document Word ou OpenDocument, ou du texte.',
    type_mismatch: 'Le nom du fichier ne correspond pas à son contenu. Renommez-le puis réessayez.',
    executable: 'Les programmes ne peuvent pas être envoyés.',
    archive: 'Les archives (zip…) ne peuvent pas être envoyées ; envoyez les documents eux-mêmes.',
    markup: 'Les pages web et images SVG ne peuvent pas être envoyées.',
    conversation_full: 'Cette conversation a atteint sa limite de documents.',
    rate_limited: 'Trop de fichiers à la fois ; patientez un instant.',
  } as Record<string, string>)[reason] ?? 'Ce fichier n’a pas pu être envoyé.',
  dropHere: 'Déposez des fichiers pour les joindre',
};

const es: DocumentStrings = {
  attach: 'Adjuntar archivos',
  region: 'Archivos para enviar',
  caption: 'Añadir un comentario (opcional)',
  send: (n) => (n === 1 ? 'Enviar archivo' : `Enviar ${n} archivos`),
  cancel: 'Cancelar',
  remove: (name) => `Quitar ${name}`,
  retry: 'Reintentar',
  uploading: (name) => `Enviando ${name}`,
  waiting: 'Aún no enviado; reintentando…',
  download: (name) => `Descargar ${name}`,
  preview: (name) => `Vista previa de ${name}`,
  types: types('Texto', 'Imagen', 'Documento Word', 'Texto OpenDocument'),
  refusal: (reason, mb) => ({
    too_large: `Este archivo supera los ${mb} MB.`,
    empty: 'Este archivo está vacío.',
    type_not_accepted: 'Este tipo de archivo no se acepta. Envíe un PDF, una imagen (JPEG, PNG, WebP, HEIC), un documento Word u OpenDocument, o texto.',
    type_mismatch: 'El nombre del archivo no coincide con su contenido. Cámbielo e inténtelo de nuevo.',
    executable: 'No se pueden enviar programas.',
    archive: 'No se pueden enviar archivos comprimidos (zip…); envíe los documentos.',
    markup: 'No se pueden enviar páginas web ni imágenes SVG.',
    conversation_full: 'Esta conversación alcanzó su límite de documentos.',
    rate_limited: 'Demasiados archivos a la vez; espere un momento.',
  } as Record<string, string>)[reason] ?? 'No se pudo enviar este archivo.',
  dropHere: 'Suelte los archivos para adjuntarlos',
};

export const DOCUMENT_TABLES = {en, fr, es} satisfies Record<string, DocumentStrings>;

export function documentStrings(lang: string): DocumentStrings {
  return DOCUMENT_TABLES[lang as keyof typeof DOCUMENT_TABLES] ?? en;
}
