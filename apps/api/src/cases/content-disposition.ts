import { ALLOWED_MEDIA_TYPES, safeFilename, type AllowedMediaType } from '#documents';

const isAllowed = (mediaType: string): mediaType is AllowedMediaType =>
  (Object.values(ALLOWED_MEDIA_TYPES) as string[]).includes(mediaType);

/** A document's name made safe again, ending in its type's extension ("document" for a type no longer accepted). */
export const safeDocumentName = (document: { filename: string; mediaType: string }) =>
  isAllowed(document.mediaType) ? safeFilename(document.filename, document.mediaType) : 'document';

/**
 * How a document is sent back: always as an attachment, under a name made safe again
 * (documents recorded before names were checked may carry control or format characters),
 * in ASCII for old clients and in UTF-8 for the rest.
 */
export function contentDisposition(document: { filename: string; mediaType: string }): string {
  const name = safeDocumentName(document);
  const ascii = name.replace(/[^\x20-\x7e]|"/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}
