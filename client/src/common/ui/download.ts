import { detectAttachmentType } from '@beratung/shared';

/**
 * An object URL for a decrypted attachment. Its type is what the file name and content
 * agree on, never the type the sender claimed (else a generic binary type). The caller
 * revokes it.
 */
export function attachmentObjectUrl(name: string, bytes: Uint8Array): string {
  const type = detectAttachmentType(name, bytes) ?? 'application/octet-stream';
  return URL.createObjectURL(new Blob([new Uint8Array(bytes)], { type }));
}

/** Starts the browser's download of an object URL under a file name. */
export function startDownload(url: string, name: string): void {
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.click();
}
