// A saved index answers exactly as the index it was saved from, keeps doing so under the
// same updates, and a file that is damaged, truncated, of another format, of another
// history or ahead of the store is refused.
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { generateArchive, type GeneratedArchive } from '../../../bench/generate'
import type { ArchiveRecord } from '../../shared/domain'
import { tmpDir } from '../test-support/tmp'
import { projectRecord, type IndexDoc, type ProjectionContext } from './doc'
import { INDEX_FORMAT, IndexRefused, indexFilePath, loadIndexFile, readIndexMeta, saveIndexFile } from './index-persist'
import { SearchIndex } from './search-index'

/** Queries of every class: words, pinyin (full, spaced, initials, mixed), homophones, filters, phrases, exclusions, natural phrases, no match. */
const QUERIES = [
  '焦化', '义诊', '煤层气', '阜康 焦化', '昌吉市 演出', 'fukang', 'meicengqi', 'fu kang', 'gan xi jiao', 'fk', 'jmse', 'mcq',
  'fukang 焦化', 'jmse 煤层气', '富康 焦化', '煤层器', '沙尼寒', '老人照料', '文化展厅', 'batch:5 area:教育', 'place:阜康 year:2014',
  'type:photo 义诊', 'tag:煤化工 year:2016..2018', 'has:metric 碳排放', '义诊 -准东', '研学 -type:photo', '"小组团示范点"', '援疆',
  '2014年', 'fukagn', 'xyzzy', '准东的化工企业', '大夫', '晋援疆', '1.7亿度', '第五批 煤层气', '干熄焦 外星人', '光伏', 'guangfu', '修订',
]

function context(g: GeneratedArchive): ProjectionContext {
  const tags = new Map(g.tags.map((t) => [t.id, t.path]))
  const kinds = new Map(g.records.map((r) => [r.id, r.kind]))
  return { tagPath: (id) => tags.get(id), linked: () => [], kindOf: (id) => kinds.get(id) }
}

function edited(r: ArchiveRecord, i: number): ArchiveRecord {
  const title = `${r.title}（修订${i}）`
  if (r.kind === 'report') return { ...r, title, body: r.body + `补充说明第${i}条：新增光伏发电项目，𠀀罕见字。` }
  return { ...r, title }
}

describe('a saved search index', () => {
  let g: GeneratedArchive
  let ctx: ProjectionContext
  let docs: IndexDoc[]
  let dir: string
  const answers = (idx: SearchIndex) => {
    const ctxq = { areas: g.settings.areas }
    // Suggestions are left out: finding them has a time budget, so under load they vary from run to run.
    return QUERIES.map((q) => ({ ...idx.search({ q, limit: 30 }, ctxq), suggestions: [] }))
  }

  beforeAll(() => {
    g = generateArchive({ records: 2000, seed: 11 })
    ctx = context(g)
    docs = g.records.map((r) => projectRecord(r, ctx))
    dir = tmpDir()
  })

  it('answers every query class exactly as the index it was saved from, and goes on doing so under the same updates', () => {
    const built = new SearchIndex()
    built.addMany(docs)
    const file = indexFilePath(join(dir, 'cache'))
    const saved = saveIndexFile(built, file, { epoch: 'e1', seq: 42 })
    expect(saved.bytes).toBeGreaterThan(0)
    expect(readIndexMeta(file)).toEqual({ format: INDEX_FORMAT, epoch: 'e1', seq: 42, docs: 2000, bytes: saved.bytes })
    const { index: loaded, meta } = loadIndexFile(file, { epoch: 'e1', maxSeq: 42 })
    expect(meta.seq).toBe(42)
    expect(loaded.stats()).toEqual(built.stats())
    const before = answers(built)
    expect(before.filter((r) => r.total > 0).length).toBeGreaterThan(30)
    expect(answers(loaded)).toEqual(before)
    expect(loaded.debugReadings('阜康')).toEqual(built.debugReadings('阜康'))

    // The same edits, creations and removals on both: lists grow past their loaded views,
    // documents are replaced, new characters and bigrams get pinyin.
    const sample = g.records.filter((r) => r.kind !== 'batch').slice(0, 400)
    const apply = (idx: SearchIndex) => {
      sample.forEach((r, i) => idx.update([projectRecord(edited(r, i), ctx)]))
      for (let i = 0; i < 30; i++) idx.update([projectRecord({ ...sample[i]!, id: `new-${i}`, title: `新建记录${i}：奇台县储能示范项目` } as ArchiveRecord, ctx)])
      idx.update([], sample.slice(100, 160).map((r) => r.id))
      idx.update([], ['new-3', 'new-4'])
    }
    apply(built)
    apply(loaded)
    expect(loaded.stats()).toEqual(built.stats())
    const after = answers(built)
    expect(after).not.toEqual(before)
    expect(answers(loaded)).toEqual(after)
    expect(loaded.debugKeys(sample[0]!.id)).toEqual(built.debugKeys(sample[0]!.id))

    // Saved again (dead documents, grown lists, a character outside the BMP) and loaded.
    saveIndexFile(loaded, file, { epoch: 'e1', seq: 50 })
    const again = loadIndexFile(file, { epoch: 'e1', maxSeq: 50 }).index
    expect(again.stats()).toEqual(built.stats())
    expect(answers(again)).toEqual(after)
    // Compaction after loading renumbers documents as it does in the built index.
    built.compact()
    again.compact()
    expect(answers(again)).toEqual(answers(built))
  })

  describe('is refused, never half-used, when', () => {
    let file: string
    let bytes: Buffer
    const refused = (f = file, expect_ = { epoch: 'e1', maxSeq: 10 }) => {
      try {
        loadIndexFile(f, expect_)
      } catch (e) {
        return e instanceof IndexRefused ? `refused: ${(e as Error).message}` : `error: ${(e as Error).message}`
      }
      return 'loaded'
    }
    beforeAll(() => {
      const idx = new SearchIndex()
      idx.addMany(docs.slice(0, 300))
      file = join(dir, 'small.idx')
      saveIndexFile(idx, file, { epoch: 'e1', seq: 10 })
      bytes = readFileSync(file)
    })
    const variant = (name: string, b: Buffer) => {
      const f = join(dir, name)
      writeFileSync(f, b)
      return f
    }

    it('the file is whole (the control)', () => {
      expect(refused()).toBe('loaded')
    })

    it('the file is truncated, anywhere', () => {
      for (const n of [0, 10, 32, 1000, Math.floor(bytes.length / 2), bytes.length - 1]) expect(refused(variant(`cut${n}`, bytes.subarray(0, n)))).toMatch(/^refused/)
    })

    it('a byte is flipped, anywhere', () => {
      for (const at of [3, 9, 40, 5000, Math.floor(bytes.length / 3), Math.floor(bytes.length * 0.8), bytes.length - 5]) {
        const b = Buffer.from(bytes)
        b[at]! ^= 0x10
        expect(refused(variant(`flip${at}`, b)), `byte ${at}`).toMatch(/^refused/)
      }
    })

    it('its format is another', () => {
      const b = Buffer.from(bytes)
      b.writeUInt32LE(INDEX_FORMAT + 1, 8)
      expect(refused(variant('format', b))).toBe(`refused: format ${INDEX_FORMAT + 1}`)
    })

    it('it belongs to another history, or is ahead of the store', () => {
      expect(refused(file, { epoch: 'e2', maxSeq: 10 })).toBe('refused: another epoch')
      expect(refused(file, { epoch: 'e1', maxSeq: 9 })).toBe('refused: ahead of the store')
    })

    it('it is not there (an I/O error, not a refusal: the caller rebuilds either way)', () => {
      expect(refused(join(dir, 'none.idx'))).toMatch(/^error: ENOENT/)
    })
  })
})
