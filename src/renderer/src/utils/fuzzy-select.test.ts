import { describe, expect, it } from 'vitest'
import { ref } from 'vue'
import { useFuzzySelect } from './fuzzy-select'

interface Tag { id: string; path: string }
const tags = ref<Tag[]>([
  { id: 't1', path: '地点/昌吉市' },
  { id: 't2', path: '地点/阜康市' },
  { id: 't3', path: '产业/煤化工' },
])
const pick = () => useFuzzySelect(() => tags.value, (t) => ({ value: t.id, label: t.path }))

describe('fuzzy select options', () => {
  it('shows every option, then the matches of the typed text, then every option once closed', () => {
    const p = pick()
    expect(p.shown.map((t) => t.id)).toEqual(['t1', 't2', 't3'])
    p.filter('mhg')
    expect(p.shown.map((t) => t.id)).toEqual(['t3'])
    p.visible(true)
    expect(p.shown.map((t) => t.id)).toEqual(['t3'])
    p.visible(false)
    expect(p.shown.map((t) => t.id)).toEqual(['t1', 't2', 't3'])
  })

  it('follows the option list as it changes under a typed query', () => {
    const p = pick()
    p.filter('fk')
    expect(p.shown.map((t) => t.id)).toEqual(['t2'])
    tags.value = [...tags.value, { id: 't4', path: '民生/复康' }]
    expect(p.shown.map((t) => t.id)).toEqual(['t2', 't4'])
    tags.value = tags.value.slice(0, 3)
  })

  it('creates from typed text unless typed Latin found an option', () => {
    const p = pick()
    p.filter('mhg')
    expect(p.creates).toBe(false)
    p.filter('xyzzy')
    expect(p.creates).toBe(true)
    p.filter('煤化工')
    expect(p.creates).toBe(true)
    p.filter('')
    expect(p.creates).toBe(true)
  })
})
