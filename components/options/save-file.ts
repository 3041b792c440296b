/**
 * Saves text parts as a file in the worker's downloads, from the page itself (Blob + object URL +
 * <a download>): no download permission, and the data never leaves the machine.
 */
export function saveFile(parts: BlobPart[], fileName: string, type: string): void {
  const url = URL.createObjectURL(new Blob(parts, { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // The click has started the download; revoking later lets a slow browser still read the Blob.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
