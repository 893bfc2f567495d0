// The originals behind the records: each file named by a record is in files/ and still has
// the sha256 it was stored under (thumbnails are derived from it, so a present original is a
// rebuildable thumbnail). IO, so it is not an archive rule; verify runs it on request.
import { createReadStream } from 'node:fs'
import { stat } from 'node:fs/promises'
import { createHash } from 'node:crypto'
import type { VerifyViolation } from '../../../shared/api'
import type { FileRef } from '../../../shared/domain'
import type { ArchiveReader } from '../../core/store/reader'
import { filePath } from '../../media/files'

function hashOf(path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const h = createHash('sha256')
    createReadStream(path)
      .on('data', (c) => h.update(c))
      .on('end', () => resolve(h.digest('hex')))
      .on('error', reject)
  })
}

export async function checkFiles(store: ArchiveReader): Promise<{ checked: number; violations: VerifyViolation[] }> {
  const out: VerifyViolation[] = []
  const seen = new Map<string, 'ok' | 'missing' | 'corrupt'>()
  let checked = 0
  for (const r of store.records.values()) {
    const files: FileRef[] = r.kind === 'photo' ? (r.file ? [r.file] : []) : r.kind === 'report' ? r.attachments : []
    for (const f of files) {
      checked++
      let state = seen.get(f.sha256)
      if (!state) {
        const path = filePath(store.dir, f.sha256)
        const s = await stat(path).catch(() => null)
        state = !s?.isFile() ? 'missing' : (await hashOf(path).catch(() => '')) === f.sha256 ? 'ok' : 'corrupt'
        seen.set(f.sha256, state)
      }
      if (state === 'ok') continue
      out.push({
        rule: 'file_intact', code: 'invalid_input', reason: state === 'missing' ? 'rule.file_missing' : 'rule.file_corrupt',
        params: { title: r.title, name: f.name }, ids: [r.id], titles: [r.title], field: r.kind === 'photo' ? 'file' : 'attachments', fixable: false,
      })
    }
  }
  return { checked, violations: out }
}
