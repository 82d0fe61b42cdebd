/** Saving a file the page made, the way every browser supports: a Blob behind a link with `download`. */
export function downloadFile(file: { filename: string; mimeType: string; text: string }): void {
  const url = URL.createObjectURL(new Blob([file.text], { type: file.mimeType }));
  const link = document.createElement('a');
  link.href = url;
  link.download = file.filename;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // The download has started reading the Blob once click() returns in Chromium, but Firefox
  // reads it later; a minute is plenty and keeps the memory from being held for good.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
