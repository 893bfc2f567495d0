import { existsSync, readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { DEFAULT_AREAS, type AchievementRecord, type ArchiveRecord, type Metric, type PhotoRecord } from '../../shared/domain'
import { dispatch, openArchive, type ArchiveService } from '../app'
import { filePath } from '../media/files'
import { tmpDir } from '../test-support/tmp'
import { chineseDate, demoData, placeholderSvg, PLACEHOLDER_LABEL, writeDemoFiles } from './index'

let svc: ArchiveService
let dir: string
const records = new Map<string, ArchiveRecord>()

async function loaded(): Promise<ArchiveService> {
  if (svc) return svc
  dir = tmpDir()
  svc = await openArchive(dir, { user: 'tester', snapshotDelayMs: 10 })
  await dispatch(svc, 'archive.loadDemo', {})
  const doc = await dispatch(svc, 'io.exportJson', {})
  for (const r of doc.records) records.set(r.id, r)
  return svc
}
/** The seed's records only (the samples are checked apart). */
const seed = () => [...records.values()].filter((r) => !r.sample)
const ach = (id: string): AchievementRecord => {
  const r = records.get(id)
  if (r?.kind !== 'achievement') throw new Error(`no achievement ${id}`)
  return r
}
const metric = (id: string, label: string): Metric => {
  const m = ach(id).metrics.find((x) => x.label === label)
  if (!m) throw new Error(`${id} has no metric ${label}: ${ach(id).metrics.map((x) => x.label).join(', ')}`)
  return m
}
const m = (value: number, unit: string, before: number | null = null) => expect.objectContaining({ value, unit, before })

describe('the demo archive', () => {
  it('loads into an empty archive with the expected counts', async () => {
    const s = await loaded()
    const info = await dispatch(s, 'archive.info', {})
    // The seed: 1 batch, 1 report, 21 achievements, 3 photos, 31 links; plus the SAMPLE
    // records of resources/demo/samples.json (2 batches, 1 report, 9 achievements, 2 photos, 10 links).
    expect(info.counts).toMatchObject({ batch: 1 + 2, report: 1 + 1, achievement: 21 + 9, photo: 3 + 2, links: 31 + 10 })
    expect(info.counts.tags).toBeGreaterThanOrEqual(31)
    expect(info.empty).toBe(false)
    expect([...seed()].length).toBe(26)
    for (const r of records.values()) expect(r.sample, r.id).toBe(r.id.includes('_sample'))
  })

  it('has the fifth Shanxi batch, and every other record belongs to it', async () => {
    await loaded()
    const b = records.get('bat_shanxi5')
    expect(b).toMatchObject({ kind: 'batch', number: 5, title: '第五批山西援疆工作队' })
    expect(b?.kind === 'batch' && ['昌吉州', '昌吉回族自治州']).toContain(b?.kind === 'batch' ? b.counterpart : '')
    for (const r of seed()) if (r.kind !== 'batch') expect(r.batchId, r.id).toBe('bat_shanxi5')
    const batches = (await dispatch(svc, 'batches.list', {})).filter((b) => !b.batch.sample)
    expect(batches).toHaveLength(1)
    expect(batches[0]?.counts).toEqual({ report: 1, achievement: 21, photo: 3 })
  })

  it('keeps the article as a report with its source, reporter and an inferred date marked as such', async () => {
    await loaded()
    const r = records.get('rep_seed_article')
    if (r?.kind !== 'report') throw new Error('no report')
    expect(r.title).toContain('太行连天山 同心向未来')
    expect(r.title).toContain('山西省第五批援疆工作队对口支援昌吉州工作综述')
    expect(['报道', '综述']).toContain(r.reportType)
    expect(r.source).toContain('本报')
    expect(r.responsible).toBe('左晓雨')
    expect(r.date).toMatch(/^2025/)
    expect(r.notes).toContain('推断')
    expect(r.body.length).toBeGreaterThan(100)
  })

  it('holds the industry results with their metrics as data', async () => {
    await loaded()
    expect(ach('ach_yongxin_cdq')).toMatchObject({ area: 'industry', date: '2024-09', places: ['阜康市'], status: 'completed' })
    expect(metric('ach_yongxin_cdq', '干熄焦处理能力')).toEqual(m(170, '吨/时'))
    expect(metric('ach_yongxin_cdq', '年发电量')).toEqual(m(1.7, '亿千瓦时'))
    expect(metric('ach_yongxin_cdq', '年减少碳排放')).toEqual(m(8.5, '万吨'))
    expect(metric('ach_yongxin_cdq', '减排污染物')).toEqual(m(11.06, '吨'))

    expect(ach('ach_jimsar_cbm')).toMatchObject({ area: 'industry', date: '2024-05', places: ['吉木萨尔县'], organisations: ['山西蓝焰控股'] })
    expect(metric('ach_jimsar_cbm', '合作区块日产气量')).toEqual(m(5, '万立方米', 3.15))
    expect(metric('ach_jimsar_cbm', '钻井效率提升')).toEqual(m(30, '%'))
    expect(ach('ach_jimsar_cbm').summary).toContain('自治区科技援疆“小组团”示范点')

    expect(ach('ach_fukang_materials').organisations).toContain('自治区战略性新兴产业发展联盟')
    expect(ach('ach_bdo_line')).toMatchObject({ places: ['准东经济技术开发区'] })
    expect(ach('ach_bdo_line').organisations).toEqual(expect.arrayContaining(['新疆国泰新华化工有限责任公司', '山西潞安化工集团']))
    expect(metric('ach_bdo_line', '产品纯度')).toEqual(m(99.75, '%'))
  })

  it('holds livelihood, education and medical results', async () => {
    await loaded()
    expect(ach('ach_shanihan_yard').people.join()).toContain('沙尼汗·艾塔木')
    expect(metric('ach_shanihan_yard', '照料高龄、失能老人')).toEqual(m(60, '人'))
    expect(metric('ach_livelihood_share', '民生领域投入占比')).toEqual(m(90, '%'))

    expect(metric('ach_chj2_team', '成建制派驻管理及学科团队')).toEqual(m(8, '人'))
    expect(ach('ach_chj2_team').organisations).toEqual(['昌吉州第二中学', '山西省忻州市第一中学'])
    expect(ach('ach_chj2_gaokao')).toMatchObject({ area: 'education', date: '2025' })
    expect(metric('ach_chj2_gaokao', '600分以上人数')).toEqual(m(40, '人', 7))
    expect(ach('ach_chj2_gaokao').summary).toMatch(/清华大学、北京大学/)
    expect(ach('ach_jinfu_school').organisations).toContain('阜康市晋阜小学')

    const yang = ach('ach_yang_xiangru')
    expect(yang).toMatchObject({ area: 'medical', places: ['阜康市'], organisations: ['阜康市人民医院'] })
    expect(yang.people.join()).toMatch(/杨向茹.*阜康市人民医院耳鼻喉科主任/)
    expect(metric('ach_yang_xiangru', '参与门诊接诊')).toEqual(m(2000, '人次'))
    expect(metric('ach_yang_xiangru', '参与手术')).toEqual(m(60, '台'))
    expect(metric('ach_yang_xiangru', '开展新技术')).toEqual(m(2, '项'))
    expect(ach('ach_zhundong_clinic')).toMatchObject({ area: 'medical', date: '2025', places: ['准东经济技术开发区'] })
  })

  it('holds culture, talent and exchange results', async () => {
    await loaded()
    expect(ach('ach_jinfu_hall')).toMatchObject({ area: 'culture', date: '2024-06', places: ['阜康市'] })
    expect(metric('ach_jinfu_hall', '投入资金')).toEqual(m(260, '万元'))
    expect(metric('ach_jinfu_hall', '展厅面积')).toEqual(m(130, '平方米'))
    expect(metric('ach_jinfu_hall', '主题展区')).toEqual(m(3, '个'))
    expect(metric('ach_jinfu_hall', '山西特色文创品种')).toEqual(m(100, '种'))
    expect(metric('ach_jinfu_hall', '山西特色文创件数')).toEqual(m(4000, '件'))
    expect(metric('ach_jinfu_hall', '日均接待游客')).toEqual(m(100, '人'))
    expect(ach('ach_qingqibing_2025')).toMatchObject({ date: '2025-07-08', places: ['昌吉市'] })
    expect(ach('ach_qingqibing_2025').summary).toContain('《山西印象》')
    expect(ach('ach_fenshui_brand').summary).toContain('点单')

    expect(ach('ach_art_training_2025')).toMatchObject({ area: 'talent', date: '2025-05' })
    expect(metric('ach_art_training_2025', '参训中青年文艺骨干')).toEqual(m(30, '人'))

    expect(ach('ach_study_tour_2025')).toMatchObject({ area: 'exchange', date: '2025-05', endDate: '2025-06' })
    expect(metric('ach_study_tour_2025', '赴晋研学师生')).toEqual(m(76, '人'))
    expect(ach('ach_calligraphy_2025')).toMatchObject({ area: 'exchange', date: '2025-07' })
    expect(metric('ach_calligraphy_2025', '来疆书法特长生')).toEqual(m(21, '人'))
    expect(ach('ach_shiliuzi_camp').title).toContain('石榴籽一家亲')
  })

  it('covers all seven areas, each achievement with a known area and its area tag', async () => {
    const s = await loaded()
    const areas = new Set([...seed()].filter((r) => r.kind === 'achievement').map((r) => (r as AchievementRecord).area))
    expect([...areas].sort()).toEqual(DEFAULT_AREAS.map((a) => a.id).sort())
    const tags = new Map((await dispatch(s, 'tags.list', {})).map((t) => [t.id, t.path]))
    const areaName = new Map(DEFAULT_AREAS.map((a) => [a.id, a.name]))
    for (const r of records.values()) {
      if (r.kind !== 'achievement') continue
      expect(r.tags.map((t) => tags.get(t)), r.id).toContain(`领域/${areaName.get(r.area)}`)
    }
    const paths = [...tags.values()]
    expect(paths).toEqual(expect.arrayContaining(['地点/阜康市', '产业/煤化工', '品牌/汾水连天山']))
    const list = await dispatch(s, 'records.list', { area: 'culture' })
    expect(list.items.filter((r) => !r.sample)).toHaveLength(3)
  })

  it('has the three photos with six caption elements, photo numbers, a group and placeholder files on disk', async () => {
    const s = await loaded()
    const photos = [...seed()].filter((r): r is PhotoRecord => r.kind === 'photo')
    expect(photos.map((p) => p.id).sort()).toEqual(['pho_art_training', 'pho_bdo_line', 'pho_zhundong_clinic'])
    const byId = Object.fromEntries(photos.map((p) => [p.id, p]))
    expect(byId.pho_bdo_line).toMatchObject({ date: '2024-06-23', photoNo: 'ZP·2024-0001', places: ['准东经济技术开发区'] })
    expect(byId.pho_zhundong_clinic).toMatchObject({ date: '2025', photoNo: 'ZP·2025-0001' })
    expect(byId.pho_art_training).toMatchObject({ date: '2025-05', photoNo: 'ZP·2025-0002' })
    for (const p of photos) {
      for (const [k, v] of Object.entries(p.caption)) expect(v.trim(), `${p.id}.caption.${k}`).not.toBe('')
      expect(p.caption.photographer).toContain('山西援疆前方指挥部')
      expect(p.groupId).toBe('grp_seed_article')
      expect(p.file).toMatchObject({ mime: 'image/svg+xml', placeholder: true })
      const path = filePath(dir, p.file!.sha256)
      expect(existsSync(path)).toBe(true)
      expect(readFileSync(path).length).toBe(p.file!.size)
      const svg = readFileSync(path, 'utf8')
      expect(svg).toContain(PLACEHOLDER_LABEL)
      expect(svg).toContain(chineseDate(p.date))
      expect(svg).not.toMatch(/<script|href=|url\(|xlink|<image|@import/i)
      expect(svg).toContain('Noto Sans CJK SC')
      const summary = (await dispatch(s, 'records.get', { id: p.id })).summary
      expect(summary).toMatchObject({ hasFile: true, placeholder: true })
    }
    expect(byId.pho_bdo_line?.caption.time).toBe('2024年6月23日')
    const doc = await dispatch(s, 'io.exportJson', {})
    expect(doc.photoGroups.map((g) => g.id)).toEqual(['grp_seed_article'])
  })

  it('links every photo to the report and to the achievement it documents, and the report backs every achievement', async () => {
    const s = await loaded()
    const expected: Record<string, string> = {
      pho_bdo_line: 'ach_bdo_line',
      pho_zhundong_clinic: 'ach_zhundong_clinic',
      pho_art_training: 'ach_art_training_2025',
    }
    for (const [photo, achievement] of Object.entries(expected)) {
      const links = (await dispatch(s, 'records.get', { id: photo })).links
      expect(links.some((l) => l.other.id === 'rep_seed_article' && l.other.kind === 'report'), photo).toBe(true)
      expect(links.some((l) => l.other.id === achievement && l.link.type === 'evidence' && l.direction === 'out'), photo).toBe(true)
    }
    for (const r of seed()) {
      if (r.kind !== 'achievement') continue
      const links = (await dispatch(s, 'records.get', { id: r.id })).links
      expect(
        links.some((l) => l.other.id === 'rep_seed_article' && l.link.type === 'evidence' && l.direction === 'in'),
        r.id,
      ).toBe(true)
    }
  })

  it('is found by search', async () => {
    const s = await loaded()
    const res = await dispatch(s, 'search.query', { q: '杨向茹' })
    expect(res.hits.map((h) => h.id)).toContain('ach_yang_xiangru')
  })

  it('refuses to load twice, and changes nothing', async () => {
    const s = await loaded()
    const before = await dispatch(s, 'archive.info', {})
    await expect(dispatch(s, 'archive.loadDemo', {})).rejects.toMatchObject({ code: 'conflict' })
    expect((await dispatch(s, 'archive.info', {})).counts).toEqual(before.counts)
  })
})

describe('demo helpers', () => {
  it('demoData returns a fresh copy each time', async () => {
    const a = (await demoData()) as { records: unknown[] }
    a.records.length = 0
    const b = (await demoData()) as { format: string; records: unknown[] }
    expect(b.format).toBe('aid-archive/v1')
    expect(b.records.length).toBe(26 + 14) // the seed's 26 and the 14 samples
  })

  it('writeDemoFiles stores identical placeholders once and leaves non-photo records alone', async () => {
    const d = tmpDir()
    const data = { format: 'aid-archive/v1', records: [{ kind: 'batch', id: 'bat_x1' }, { kind: 'photo', id: 'pho_x1', title: '<测试> & "标题"', date: '2024-06' }] }
    const out = (await writeDemoFiles(d, data)) as typeof data & { records: Record<string, unknown>[] }
    expect(out.records[0]).toBe(data.records[0])
    expect(data.records[1]).not.toHaveProperty('file')
    const file = out.records[1]?.file as { sha256: string; placeholder: boolean }
    expect(file.placeholder).toBe(true)
    const svg = readFileSync(filePath(d, file.sha256), 'utf8')
    expect(svg).toContain('&lt;测试&gt; &amp; &quot;标题&quot;')
    expect(svg).toContain('2024年6月')
    const again = (await writeDemoFiles(d, data)) as typeof out
    expect((again.records[1]?.file as { sha256: string }).sha256).toBe(file.sha256)
    expect(placeholderSvg({ title: 'x', date: '' })).toContain('日期不详')
  })
})
