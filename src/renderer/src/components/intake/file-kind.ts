// What kind of file an original is, in words a person knows (Word 文档, PDF 文档, JPEG 图片),
// and its size as a file manager shows it.
const KIND_OF_MIME: Record<string, string> = {
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'docx',
  'application/pdf': 'pdf',
  'text/plain': 'txt',
  'text/markdown': 'md',
  'image/jpeg': 'jpeg',
  'image/png': 'png',
  'image/tiff': 'tiff',
  'image/webp': 'webp',
  'image/heic': 'heic',
}

/** The message key under intake.fileKind, or null: then the extension is shown, as a file manager would. */
export function fileKindKey(mime: string): string | null {
  return KIND_OF_MIME[mime.toLowerCase()] ?? null
}

export function fileKindText(mime: string, name: string, t: (key: string, p?: Record<string, unknown>) => string): string {
  const key = fileKindKey(mime)
  if (key) return t(`intake.fileKind.${key}`)
  const ext = /\.([A-Za-z0-9]{1,8})$/.exec(name)?.[1]
  return ext ? t('intake.fileKind.other', { ext: ext.toUpperCase() }) : t('intake.fileKind.unknown')
}

/** 1 KB at least, one decimal from 1 MB on. */
export function sizeText(n: number): string {
  if (n >= 1024 * 1024 * 1024) return `${(n / 1024 ** 3).toFixed(1)} GB`
  if (n >= 1024 * 1024) return `${(n / 1024 ** 2).toFixed(1)} MB`
  return `${Math.max(1, Math.round(n / 1024))} KB`
}
