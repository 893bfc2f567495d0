// The UI's two message trees must match: en.ts is typed against zh-CN.ts, but the area
// files it spreads in are not literals, so extra or missing keys there escape the type.
import { describe, expect, it } from 'vitest'
import zh from './zh-CN'
import en from './en'

type Tree = { [k: string]: string | Tree }
const leaves = (t: Tree, at = ''): [string, string][] =>
  Object.entries(t).flatMap(([k, v]): [string, string][] => (typeof v === 'string' ? [[`${at}${k}`, v]] : leaves(v, `${at}${k}.`)))
const zhLeaves = new Map(leaves(zh as unknown as Tree))
const enLeaves = new Map(leaves(en as unknown as Tree))
const params = (s: string) => [...new Set([...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]))].sort()

describe('UI messages', () => {
  it('zh-CN and en have the same keys, each a message in both', () => {
    expect([...enLeaves.keys()].sort()).toEqual([...zhLeaves.keys()].sort())
  })

  it('no message is empty', () => {
    const empty = [...zhLeaves, ...enLeaves].filter(([, v]) => !v.trim()).map(([k]) => k)
    expect(empty).toEqual([])
  })

  it('both locales of a message take the same parameters', () => {
    const differ = [...zhLeaves].filter(([k, v]) => enLeaves.has(k) && params(v).join() !== params(enLeaves.get(k)!).join()).map(([k]) => k)
    expect(differ).toEqual([])
  })

  it('no message holds a character vue-i18n would read as syntax', () => {
    const bad = [...zhLeaves, ...enLeaves].filter(([, v]) => /[@|]/.test(v) || /[{}]/.test(v.replace(/\{\w+\}/g, ''))).map(([k]) => k)
    expect(bad).toEqual([])
  })
})
