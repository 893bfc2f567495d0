// records.names on the demo archive: what the people, organisation and 责任者 pickers offer.
import { describe, expect, it } from 'vitest'
import { zhCollator } from '../../../shared/collate'
import { dispatch, openArchive } from '../../app'
import { tmpDir } from '../../test-support/tmp'

const open = () => openArchive(tmpDir(), { user: 'tester', snapshotDelayMs: 10 })
const YANG = '杨向茹（山西省援疆医生，阜康市人民医院耳鼻喉科主任）'

describe('records.names', () => {
  it('lists the demo’s people, organisations and 责任者, most used first, roles as stored; nothing written', async () => {
    const svc = await open()
    try {
      await dispatch(svc, 'archive.loadDemo', {})
      const seq = svc.store.seq

      const people = (await dispatch(svc, 'records.names', { field: 'people' })).names
      expect(people).toContainEqual({ name: YANG, count: 1 })
      // An achievement's and a photo's people count together.
      expect(people).toContainEqual({ name: '山西“汾水连天山”医疗援疆联合工作队医生', count: 2 })
      expect(people[0]!.count).toBe(2)
      for (let i = 1; i < people.length; i++) {
        const [a, b] = [people[i - 1]!, people[i]!]
        expect(a.count > b.count || (a.count === b.count && zhCollator.compare(a.name, b.name) <= 0), `${a.name} before ${b.name}`).toBe(true)
      }

      const orgs = (await dispatch(svc, 'records.names', { field: 'organisations' })).names
      expect(orgs[0]).toEqual({ name: '昌吉州第二中学', count: 2 })
      expect(orgs.map((o) => o.name)).toEqual(expect.arrayContaining(['阜康市人民医院', '山西蓝焰控股', '山西潞安化工集团']))
      expect(orgs.map((o) => o.name)).not.toContain(YANG)

      const responsible = (await dispatch(svc, 'records.names', { field: 'responsible' })).names
      expect(responsible).toContainEqual({ name: '左晓雨', count: 1 })
      // The sample records' 责任者 (示例) is invented: not offered for real records.
      expect(responsible.map((r) => r.name)).not.toContain('示例')

      expect((await dispatch(svc, 'records.names', { field: 'people', limit: 1 })).names).toEqual([people[0]])
      expect(svc.store.seq).toBe(seq)
    } finally {
      await svc.close()
    }
  })

  it('trims, counts a record once, follows changes and breaks ties in pinyin order', async () => {
    const svc = await open()
    try {
      const names = async () => (await dispatch(svc, 'records.names', { field: 'organisations' })).names
      expect(await names()).toEqual([])
      const create = (organisations: string[], sample = false) =>
        dispatch(svc, 'records.create', { record: { kind: 'achievement', title: '成果', organisations, sample } })
      // 乙 comes before 阿 in code points, after it in pinyin (yi, a).
      await create(['乙单位 ', ' 乙单位'])
      await create(['阿单位', '  '])
      expect(await names()).toEqual([
        { name: '阿单位', count: 1 },
        { name: '乙单位', count: 1 },
      ])
      await create(['乙单位'])
      await create(['丙单位'], true)
      expect(await names()).toEqual([
        { name: '乙单位', count: 2 },
        { name: '阿单位', count: 1 },
      ])
    } finally {
      await svc.close()
    }
  })
})
