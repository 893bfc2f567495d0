import { describe, expect, it } from 'vitest'
import { batches, runImport, sortFiles, type Picked } from './upload'

const pick = (path: string, size = 10, text = ''): Picked => ({ path, file: Object.assign(new Blob([text || 'x'.repeat(size)]), { name: path.split('/').pop()! }) })

describe('upload planning', () => {
  it('pairs caption sidecars with photos; documents go to reports; anything else is refused, not sent', async () => {
    const s = sortFiles([pick('d/a.jpg'), pick('d/a.txt'), pick('d/b.JPG'), pick('notes.txt'), pick('brief.docx'), pick('x.bin'), pick('d/Thumbs.db')])
    expect(s.photos.map((p) => [p.item.path, p.caption?.path])).toEqual([['d/a.jpg', 'd/a.txt'], ['d/b.JPG', undefined]])
    expect(s.reports.map((r) => r.path)).toEqual(['notes.txt', 'brief.docx'])
    expect(s.unsupported.map((r) => r.path)).toEqual(['x.bin'])
    const sent: string[] = []
    const res = await runImport(
      s,
      {
        photos: async (files) => (sent.push(...files.map((f) => f.name)), { imported: [], duplicates: [], failed: [], cancelled: false }),
        reports: async (files) => (sent.push(...files.map((f) => f.name)), { imported: [], duplicates: [], failed: [] }),
      },
      () => {},
      () => false,
    )
    expect(sent).toEqual(['a.jpg', 'b.JPG', 'notes.txt', 'brief.docx'])
    expect(res.refused).toEqual([{ name: 'x.bin', error: { reason: 'file.unknown_kind', params: { ext: '.bin' } } }])
  })
  it('batches by count and bytes; a big file goes alone', () => {
    expect(batches([1, 2, 3, 4, 5], () => 1, 100, 2)).toEqual([[1, 2], [3, 4], [5]])
    expect(batches([5, 200, 5], (n) => n, 100, 10)).toEqual([[5], [200], [5]])
  })
  it('sends batch by batch with progress and stops when cancelled', async () => {
    const s = sortFiles(Array.from({ length: 45 }, (_, i) => pick(`p${i}.jpg`)))
    const seen: number[] = []
    let calls = 0
    const res = await runImport(
      s,
      {
        photos: async (files) => {
          calls++
          return { imported: files.map((f) => ({ id: `pho_${f.name}`, name: f.name })), duplicates: [], failed: [], cancelled: false }
        },
        reports: async () => ({ imported: [], duplicates: [], failed: [] }),
      },
      (p) => seen.push(p.done),
      () => calls >= 2,
    )
    expect(calls).toBe(2)
    expect(res.photos.imported).toHaveLength(40)
    expect(res.photos.cancelled).toBe(true)
    expect(seen.at(-1)).toBe(40)
  })
})
