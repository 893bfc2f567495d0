import mammoth from 'mammoth'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { dispatch, type ArchiveService } from '../../app'
import { metricValue } from './summary-model'
import { bytesOf, demoArchive, unzipText } from './testing'

let svc: ArchiveService
beforeAll(async () => {
  svc = await demoArchive()
})
afterAll(() => svc?.close())

describe('成果汇编 (summary)', () => {
  it('model: achievements grouped by area in the settings order, metrics as before → after, sources with 档号', async () => {
    const m = await dispatch(svc, 'export.summary', { scope: { batchId: 'bat_shanxi5' } })
    expect(m.title).toBe('第五批山西援疆工作队成果汇编')
    expect(m.areas.map((a) => a.name)).toEqual(['产业援疆', '民生保障', '教育援疆', '医疗援疆', '文化润疆', '人才援疆', '交往交流交融'])
    expect(m.areas.reduce((n, a) => n + a.items.length, 0)).toBe(21)
    const cbm = m.areas[0]!.items.find((i) => i.id === 'ach_jimsar_cbm')!
    expect(cbm.metrics.find((x) => x.label === '合作区块日产气量')).toMatchObject({ before: '3.15万立方米', after: '5万立方米以上' })
    expect(cbm.facts).toContain('地点：吉木萨尔县')
    expect(m.sources.map((s) => s.refCode)).toEqual(['Z109-WS·2024-Y-BGS-0001', 'Z109-WS·2024-Y-BGS-0002', 'Z109-WS·2024-D10-BGS-0001', 'Z109-WS·2025-Y-BGS-0001'])
    expect(m.sources[3]).toMatchObject({ date: '20250000', responsible: '左晓雨' })
    const photos = m.areas.flatMap((a) => a.items.flatMap((i) => i.photos))
    expect(photos.length).toBeGreaterThan(0)
    expect(photos.every((p) => p.placeholder)).toBe(true)
    expect(photos.find((p) => p.photoNo === 'ZP·2024-0001')?.caption).toContain('（2024年6月23日摄）')
  })

  it('leaves invented sample records (示例) out unless they are selected one by one', async () => {
    await dispatch(svc, 'records.create', { record: { id: 'ach_sample_x', kind: 'achievement', title: '示例成果', area: 'industry', sample: true } })
    const all = await dispatch(svc, 'export.preview', { format: 'docx' })
    expect(all.text).not.toContain('示例成果')
    expect(all.skipped.find((s) => s.reason === 'sample')?.count).toBeGreaterThanOrEqual(1)
    const picked = await dispatch(svc, 'export.summary', { scope: { ids: ['ach_sample_x'] } })
    expect(picked.areas[0]?.items[0]?.title).toBe('示例成果')
  })

  it('qualifiers read as sources write them', () => {
    expect(metricValue(100, '人', '约')).toBe('约100人')
    expect(metricValue(2000, '人', '余')).toBe('2000余人')
    expect(metricValue(5, '万立方米', '以上')).toBe('5万立方米以上')
    expect(metricValue(1.7, '亿千瓦时', '')).toBe('1.7亿千瓦时')
  })

  it('docx: GB/T 9704 page, fonts and sizes, headings, tables, photos and the "— 1 —" footer', async () => {
    const f = await dispatch(svc, 'export.run', { format: 'docx', scope: { batchId: 'bat_shanxi5' } })
    expect(f.fileName).toBe('第五批山西援疆工作队成果汇编.docx')
    const parts = unzipText(bytesOf(f))
    const doc = parts['word/document.xml']!
    // A4 (11906 × 16838 twips), margins 37/35/28/26 mm.
    expect(doc).toMatch(/<w:pgSz w:w="11906" w:h="16838"/)
    expect(doc).toMatch(/w:top="2098"/)
    expect(doc).toMatch(/w:bottom="1984"/)
    expect(doc).toMatch(/w:left="1587"/)
    expect(doc).toMatch(/w:right="1474"/)
    // Body 仿宋_GB2312 at 16 pt (w:sz 32) as the document default.
    const styles = parts['word/styles.xml']!
    expect(styles).toMatch(/<w:docDefaults>[\s\S]*w:eastAsia="仿宋_GB2312"[\s\S]*<w:sz w:val="32"\/>/)
    // Title 方正小标宋简体 at 22 pt; 一、 in 黑体; （一） in 楷体_GB2312.
    expect(doc).toMatch(/w:eastAsia="方正小标宋简体"[^]*?<w:sz w:val="44"\/>[^]*?第五批山西援疆工作队成果汇编/)
    expect(doc).toMatch(/w:eastAsia="黑体"[^]*?<w:t xml:space="preserve">一、产业援疆<\/w:t>/)
    expect(doc).toMatch(/w:eastAsia="楷体_GB2312"[^]*?<w:t xml:space="preserve">（一）/)
    expect(doc).toContain('<w:tblHeader/>')
    expect(doc).toContain('<w:drawing>')
    expect(Object.keys(parts).some((p) => p.startsWith('word/media/'))).toBe(true)
    const footer = Object.entries(parts).find(([k]) => k.startsWith('word/footer'))![1]
    expect(footer).toMatch(/— <\/w:t>[\s\S]*PAGE[\s\S]*<w:t xml:space="preserve"> —/)
  })

  it('docx reads back (mammoth): title, areas, metrics table, sources table, captions', async () => {
    const f = await dispatch(svc, 'export.run', { format: 'docx', scope: { batchId: 'bat_shanxi5' } })
    const { value: html } = await mammoth.convertToHtml({ buffer: Buffer.from(bytesOf(f)) })
    expect(html).toContain('第五批山西援疆工作队成果汇编')
    expect(html).toContain('七、交往交流交融')
    expect(html).toContain('八、资料来源')
    expect(html).toContain('<td><p>合作区块日产气量</p></td><td><p>3.15万立方米</p></td><td><p>5万立方米以上</p></td>')
    expect(html).toContain('Z109-WS·2025-Y-BGS-0001')
    expect(html).toContain('〔示意图，非原件〕')
  })

  it('docx without photos, for one area', async () => {
    const f = await dispatch(svc, 'export.run', { format: 'docx', scope: { area: 'education' }, options: { photos: false } })
    const parts = unzipText(bytesOf(f))
    expect(parts['word/document.xml']).toContain('教育援疆成果汇编')
    expect(parts['word/document.xml']).not.toContain('<w:drawing>')
    expect(parts['word/document.xml']).not.toContain('产业援疆</w:t>')
  })

  it('markdown: the same content, tables intact', async () => {
    const f = await dispatch(svc, 'export.run', { format: 'md', scope: { batchId: 'bat_shanxi5' } })
    const md = new TextDecoder().decode(bytesOf(f))
    expect(md.startsWith('# 第五批山西援疆工作队成果汇编\n')).toBe(true)
    expect(md).toContain('## 一、产业援疆')
    expect(md).toContain('| 合作区块日产气量 | 3.15万立方米 | 5万立方米以上 |')
    expect(md).toContain('## 八、资料来源')
    expect(md).toMatch(/\| 4 \| Z109-WS·2025-Y-BGS-0001 \| 太行连天山/)
  })

  it('a selection of ids and a saved search are scopes too; pdf is refused with a hint', async () => {
    const sel = await dispatch(svc, 'export.summary', { scope: { ids: ['ach_yongxin_cdq', 'ach_jimsar_cbm'] } })
    expect(sel.areas.flatMap((a) => a.items.map((i) => i.id)).sort()).toEqual(['ach_jimsar_cbm', 'ach_yongxin_cdq'])
    const saved = await dispatch(svc, 'savedSearches.create', { name: '阜康', query: '阜康' })
    const bySaved = await dispatch(svc, 'export.summary', { scope: { savedSearchId: saved.id } })
    expect(bySaved.areas.flatMap((a) => a.items.map((i) => i.id))).toContain('ach_yongxin_cdq')
    await expect(dispatch(svc, 'export.run', { format: 'pdf' })).rejects.toMatchObject({ code: 'invalid_input', message: expect.stringContaining('print') })
  })
})

describe('rendering off the serving thread', () => {
  it('the worker thread renders the same docx as the inline path', async () => {
    const { render } = await import('./offthread')
    const model = await dispatch(svc, 'export.summary', { scope: { area: 'education' }, options: { photos: false } })
    const viaWorker = unzipText(await render({ kind: 'docx', model, images: new Map() }))
    process.env.AID_EXPORT_INLINE = '1'
    try {
      const inline = unzipText(await render({ kind: 'docx', model, images: new Map() }))
      expect(viaWorker['word/document.xml']).toBe(inline['word/document.xml'])
    } finally {
      delete process.env.AID_EXPORT_INLINE
    }
  })
})
