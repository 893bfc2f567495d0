// Every contract method, fuzzed through dispatch with hostile input: wrong types, huge
// strings (1–5 MB), nesting 1000+ deep, unknown keys, __proto__/constructor/prototype as
// own keys (as JSON.parse makes them), objects whose toString/valueOf are not functions,
// NaN/±Infinity/-0 (JSON's 1e999 parses to Infinity), values only IPC's structured clone
// carries (BigInt, Date, Map, typed arrays), huge arrays, arrays where objects belong, null.
// Most inputs are one valid-shaped call of the method with one to three parts spoiled, so
// they get past the schema into the handlers. Each call must succeed or be refused with an
// ApiError that is not `internal`; a refused call, and every call of a method that only
// reads, leaves the archive as it was; nothing reaches Object.prototype.
// AID_LONG_FUZZ=1 runs many more inputs per method.
import { cpSync, rmSync } from 'node:fs'
import fc from 'fast-check'
import { beforeAll, describe, expect, it } from 'vitest'
import { API, METHODS, type Method } from '../../shared/api'
import type { ArchiveRecord } from '../../shared/domain'
import { ApiError } from '../../shared/errors'
import { dispatch, openArchive, type ArchiveService } from '../app'
import { tmpDir } from '../test-support/tmp'
import type { ArchiveReader } from './store/reader'
import { violations } from './verify'

const LONG = process.env.AID_LONG_FUZZ === '1'
/** Hostile inputs per method, besides its one valid-shaped call. */
const RUNS = LONG ? 400 : 20
const CALL_LIMIT_MS = LONG ? 60_000 : 15_000
const MB = 1024 * 1024

/** Which methods may change the archive; the rest must leave it as it was whatever happens. */
const WRITES: Record<Method, boolean> = {
  'archive.info': false,
  'archive.loadDemo': true,
  'archive.verify': false,
  'archive.fix': true,
  'settings.get': false,
  'settings.update': true,
  'search.query': false,
  'search.thesaurus': false,
  'savedSearches.list': false,
  'savedSearches.create': true,
  'savedSearches.delete': true,
  'journal.list': false,
  'records.list': false,
  'records.get': false,
  'records.create': true,
  'records.update': true,
  'records.delete': true,
  'records.file': true,
  'batches.list': false,
  'records.suggestKeywords': false,
  'records.names': false,
  'tags.list': false,
  'tags.create': true,
  'tags.update': true,
  'tags.delete': true,
  'tags.apply': true,
  'links.create': true,
  'links.delete': true,
  'links.bulkCreate': true,
  'io.exportJson': false,
  'io.importJson': true,
  'exchange.info': false,
  'exchange.pack': false,
  'exchange.preview': false,
  'exchange.apply': true,
  'exchange.conflicts': false,
  'exchange.resolve': true,
  'exchange.sync': true,
  'intake.photos': true,
  'intake.reports': true,
  'intake.parseCaption': false,
  'intake.photoList': false,
  'intake.photoSize': false,
  'intake.catalogue': true,
  'groups.list': false,
  'groups.create': true,
  'groups.update': true,
  'groups.addPhotos': true,
  'history.undo': true,
  'history.redo': true,
  'history.state': false,
  'journal.query': false,
  'relations.chain': false,
  'relations.graph': false,
  'relations.unbacked': false,
  'relations.orphans': false,
  'batches.detail': false,
  'batches.compare': false,
  'records.bulkUpdate': true,
  'records.bulkDelete': true,
  'export.preview': false,
  'export.run': false,
  'export.summary': false,
}

// ---- one valid-shaped call per method, from the archive it meets ----------------------

const PNG_1PX = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=='
const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64')

function seedFor(method: Method, s: ArchiveReader): unknown {
  const records = [...s.records.values()]
  const first = (k: ArchiveRecord['kind']) => records.find((r) => r.kind === k)
  const id = (k: ArchiveRecord['kind'], missing: string) => first(k)?.id ?? missing
  const bat = id('batch', 'bat_missing')
  const rep = records.find((r) => r.kind === 'report' && !r.filing)?.id ?? id('report', 'rep_missing')
  const ach = id('achievement', 'ach_missing')
  const pho = id('photo', 'pho_missing')
  const tag = s.tags.keys().next().value ?? 'tag_missing'
  const lnk = s.links.keys().next().value ?? 'lnk_missing'
  const grp = s.photoGroups.keys().next().value ?? 'grp_missing'
  const sav = s.savedSearches.keys().next().value ?? 'sav_missing'
  const scope = { batchId: bat, area: 'industry', from: '2023', to: '2025-12', query: '阜康 year:2024', ids: [ach, pho] }
  const options = { photos: true, title: '成果汇编' }
  const seeds: Record<Method, () => unknown> = {
    'archive.info': () => ({}),
    'archive.loadDemo': () => ({}),
    'archive.verify': () => ({ limit: 10 }),
    'archive.fix': () => ({}),
    'settings.get': () => ({}),
    'settings.update': () => ({ patch: { fondsName: '全宗', places: ['阜康市'], photoNoFormat: 'ZP·{year}-{n}', orgCodes: [{ code: 'BGS', name: '办公室' }] } }),
    'search.query': () => ({ q: '阜康 焦化 batch:3..5 -type:photo', limit: 5, kinds: ['achievement', 'photo'] }),
    'search.thesaurus': () => ({}),
    'savedSearches.list': () => ({}),
    'savedSearches.create': () => ({ name: '检索', query: 'tag:产业/煤化工' }),
    'savedSearches.delete': () => ({ id: sav }),
    'journal.list': () => ({ recordId: ach, limit: 5, beforeSeq: 10 }),
    'records.list': () => ({ kinds: ['achievement'], batchId: bat, area: 'industry', tagId: tag, sort: 'date', desc: false, offset: 0, limit: 10 }),
    'records.get': () => ({ id: ach }),
    'records.create': () => ({
      record: {
        kind: 'achievement',
        title: '新成果',
        batchId: bat,
        area: 'industry',
        date: '2024年5月',
        tags: [tag],
        places: ['阜康市'],
        metrics: [{ label: '产值', value: 5, unit: '万元', qualifier: '约' }],
      },
    }),
    'records.update': () => ({ id: ach, patch: { title: '改过的成果', tags: [tag], date: '2024.7.1' }, expectedUpdatedAt: s.records.get(ach)?.updatedAt }),
    'records.delete': () => ({ id: pho }),
    'records.file': () => ({ id: rep, year: 2024, retention: 'D30', orgCode: 'BGS' }),
    'batches.list': () => ({}),
    'records.suggestKeywords': () => ({ text: '阜康市永鑫焦化干熄焦项目投产，干熄焦装置年发电1.7亿千瓦时。', limit: 5, exclude: ['阜康市'] }),
    'records.names': () => ({ field: 'people', limit: 50 }),
    'tags.list': () => ({}),
    'tags.create': () => ({ path: '测试/新标签', color: '#123456' }),
    'tags.update': () => ({ id: tag, path: '测试/改名', color: '' }),
    'tags.delete': () => ({ id: tag }),
    'tags.apply': () => ({ recordIds: [ach, pho], tagIds: [tag], mode: 'add' }),
    'links.create': () => ({ from: pho, to: ach, type: 'evidence', note: '佐证' }),
    'links.delete': () => ({ id: lnk }),
    'links.bulkCreate': () => ({ ids: [pho], target: ach, type: 'related', direction: 'out', note: '相关' }),
    'io.exportJson': () => ({}),
    'io.importJson': () => ({
      data: {
        format: 'aid-archive/v1',
        tags: [{ path: '导入/标签', color: '#abcdef' }],
        records: [{ kind: 'report', title: '导入的报告', date: '2024-03', tags: ['导入/标签'], batchId: bat }],
        links: [{ from: ach, to: pho, type: 'related' }],
        photoGroups: [{ title: '导入组' }],
      },
    }),
    'exchange.info': () => ({}),
    'exchange.pack': () => ({ scope: { batchId: bat }, destination: '后方办公室' }),
    'exchange.preview': () => ({ data: b64('不是交换包'), name: '交换包.aidpkg' }),
    'exchange.apply': () => ({ packageId: '0'.repeat(64) }),
    'exchange.conflicts': () => ({}),
    'exchange.resolve': () => ({ id: `records/${ach}`, resolution: { take: 'fields', index: 0, fields: ['title'] } }),
    'exchange.sync': () => ({ url: 'http://127.0.0.1:9/aid-archive', username: 'u', password: 'p' }),
    'intake.photos': () => ({ files: [{ name: 'a.png', data: PNG_1PX, caption: '2024年5月1日 阜康市 张三摄' }], groupId: grp, batchId: bat }),
    'intake.reports': () => ({ files: [{ name: '报告.txt', data: b64('关于阜康市的报告\n2024年5月1日\n正文。') }], batchId: bat }),
    'intake.parseCaption': () => ({ text: '2024年5月1日，阜康市。张三 摄' }),
    'intake.photoList': () => ({ groupId: grp, offset: 0, limit: 10 }),
    'intake.photoSize': () => ({ id: pho }),
    'intake.catalogue': () => ({ name: '目录.csv', data: b64('题名,日期,文号,责任者\n报告一,20240501,昌援〔2024〕1号,指挥部\n'), commit: true }),
    'groups.list': () => ({}),
    'groups.create': () => ({ title: '新组', description: '总说明', photoIds: [pho] }),
    'groups.update': () => ({ id: grp, title: '改名的组', description: '' }),
    'groups.addPhotos': () => ({ id: grp, photoIds: [pho] }),
    'history.undo': () => ({}),
    'history.redo': () => ({}),
    'history.state': () => ({}),
    'journal.query': () => ({ recordId: ach, who: 'fuzzer', method: 'records.update', text: '成果', from: '2024-01-01', to: '2030', beforeSeq: 50, limit: 10 }),
    'relations.chain': () => ({ id: ach }),
    'relations.graph': () => ({ id: ach, depth: 2 }),
    'relations.unbacked': () => ({ batchId: bat }),
    'relations.orphans': () => ({ batchId: bat }),
    'batches.detail': () => ({ id: bat }),
    'batches.compare': () => ({}),
    'records.bulkUpdate': () => ({ ids: [ach, pho], patch: { batchId: bat, area: 'industry' } }),
    'records.bulkDelete': () => ({ ids: [pho] }),
    'export.preview': () => ({ format: 'md', scope, options }),
    'export.run': () => ({ format: 'csv', scope, options }),
    'export.summary': () => ({ scope, options }),
  }
  return seeds[method]()
}

// ---- hostile values -----------------------------------------------------------------------

/** A value built only when used, shown by its label: fast-check would print megabytes. */
class Lazy {
  constructor(
    readonly label: string,
    readonly make: () => unknown,
  ) {}
  [fc.toStringMethod](): string {
    return this.label
  }
}
const make = (v: unknown): unknown => (v instanceof Lazy ? v.make() : v)

/** An object with exactly these own keys, __proto__ included (what JSON.parse makes of it). */
function own(entries: [string, unknown][]): Record<string, unknown> {
  const o: Record<string, unknown> = {}
  for (const [k, v] of entries) Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true })
  return o
}

const KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'valueOf', 'hasOwnProperty', 'toJSON', 'then', 'length', '0', '', ' ', 'kind', 'id', 'schemaVersion', 'format', 'extra']
const STRINGS = [
  '', ' ', '\u0000', '\ud800', '\udfff', '\u202e\u0041', '\ufeff', '𠮷', '/', '//', 'a//b', ' / ', '../../../etc/passwd', '..\\..\\x', 'C:\\x', 'con', '%00', '%2e%2e%2f',
  '__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', '__proto__/x', 'constructor/prototype', '产业/__proto__',
  '<script>alert(1)</script>', '=HYPERLINK("http://x")', '"', "'", '\\', '$&', '$1', '.*', '(', '[', '*', '+?', '{1,2}', '{n}', '{year}{n}{n}',
  'NaN', 'Infinity', '-0', '1e999', '0x10', 'null', 'true', '[]', '{}', '9'.repeat(30), '２０２４年１３月', '2024-02-30', '0000-00-00', '9999-12-31', '二〇二四年十三月', '20241301',
  'batch:', 'batch:99999999999999999999', 'batch:3..', 'year:0000..9999', 'year:..', 'type:constructor', 'type:__proto__|photo', 'has:constructor', 'constructor:x', '__proto__:x', '"unterminated', '-', '--', '-type:', '：：', 'kind:photo|toString',
  'a'.repeat(1000), 'a'.repeat(1001), '档'.repeat(4001), 'rep_missing', 'tag_x', 'Z109', 'BGS', 'Y', 'evidence',
]
const NUMBERS = [NaN, Infinity, -Infinity, -0, 0, -1, 1, 0.5, 1e21, 2 ** 31, -(2 ** 31) - 1, Number.MAX_SAFE_INTEGER + 2, Number.MAX_VALUE, Number.MIN_VALUE, 1899, 1900, 2999, 3000, 10000, 100001]

const scalar = fc.oneof(
  fc.constantFrom(...NUMBERS),
  fc.double(),
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
  fc.constant(undefined),
  fc.constantFrom(...STRINGS),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
)
const key = fc.oneof(fc.constantFrom(...KEYS), fc.string({ maxLength: 12 }))
const small = fc.oneof(
  { weight: 6, arbitrary: scalar },
  { weight: 1, arbitrary: fc.array(scalar, { maxLength: 4 }) },
  { weight: 2, arbitrary: fc.array(fc.tuple(key, scalar), { maxLength: 4 }).map(own) },
)

// Values JSON cannot carry but Electron's IPC (structured clone) can.
const cloneOnly = fc.constantFrom(
  new Lazy('10n', () => 10n),
  new Lazy('Date(2024-05-01)', () => new Date('2024-05-01T00:00:00Z')),
  new Lazy('Date(invalid)', () => new Date(NaN)),
  new Lazy('Map{a:1}', () => new Map([['a', 1]])),
  new Lazy('Set{1}', () => new Set([1])),
  new Lazy('Uint8Array(16)', () => new Uint8Array(16)),
  new Lazy('ArrayBuffer(8)', () => new ArrayBuffer(8)),
  new Lazy('RegExp(/x/)', () => /x/),
  new Lazy('Error("x")', () => new Error('x')),
)

const huge = fc
  .record({ mb: fc.integer({ min: 1, max: 5 }), chunk: fc.constantFrom('x', '档', 'QUJD', 'a/', '\u0000', '"\\', '😀', ' ', '阜康 year:2024 ') })
  .map(({ mb, chunk }) => new Lazy(`<${mb} MB of ${JSON.stringify(chunk)}>`, () => chunk.repeat(Math.ceil((mb * MB) / chunk.length))))

// A Map: in an object literal a __proto__ key would set the prototype, not make a key.
const NESTING = new Map([
  ['object', ['{"a":', '}']],
  ['array', ['[', ']']],
  ['__proto__', ['{"__proto__":', '}']],
  ['constructor', ['{"constructor":', '}']],
  ['mixed', ['[{"prototype":', '}]']],
] as const)

/** Nesting as a JSON body would bring it: parsed from text, so __proto__ keys are own keys. */
const deep = fc
  .record({ depth: fc.integer({ min: 1000, max: LONG ? 20_000 : 5000 }), shape: fc.constantFrom(...NESTING.keys()) })
  .map(
    ({ depth, shape }) =>
      new Lazy(`<${shape} nested ${depth} deep>`, () => {
        const [open, close] = NESTING.get(shape)!
        return JSON.parse(`${open.repeat(depth)}1${close.repeat(depth)}`)
      }),
  )

const hugeArray = fc
  .record({ n: fc.integer({ min: 10_000, max: 200_000 }), item: fc.constantFrom('ach_missing', 'x', 0, null) })
  .map(({ n, item }) => new Lazy(`<array of ${n} × ${JSON.stringify(item)}>`, () => new Array<unknown>(n).fill(item)))

/** JSON bodies an attacker would send as the whole input. */
const rawJson = fc
  .constantFrom(
    '{"__proto__":{"polluted":1}}',
    '{"constructor":{"prototype":{"polluted":1}}}',
    '{"__proto__":null}',
    '{"toString":1,"valueOf":1}',
    '{"limit":1e999}',
    '{"id":{"__proto__":{"length":1}}}',
    '[{}]',
    '"x"',
    '1e999',
    '-0',
    '[]',
  )
  .map((t) => new Lazy(`JSON ${t}`, () => JSON.parse(t)))

const hostile = fc.oneof(
  { weight: 8, arbitrary: small },
  { weight: 1, arbitrary: cloneOnly },
  { weight: 1, arbitrary: huge },
  { weight: 1, arbitrary: deep },
  { weight: 1, arbitrary: hugeArray },
  { weight: 1, arbitrary: rawJson },
)

/** Hostile values of each JSON type, for a part to keep its type (and so, often, pass the schema). */
const sameType = fc.record({
  string: fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom(...STRINGS) },
    { weight: 3, arbitrary: fc.string({ unit: 'grapheme', maxLength: 60 }) },
    { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 60 }) },
    { weight: 1, arbitrary: huge },
  ),
  number: fc.oneof(fc.constantFrom(...NUMBERS), fc.integer(), fc.double()),
  array: fc.oneof(
    fc.constant('twice' as const), // its first item twice
    fc.constant('empty' as const),
    fc.array(small, { maxLength: 4 }),
    hugeArray,
  ),
  key,
  small,
})
type SameType = typeof sameType extends fc.Arbitrary<infer T> ? T : never

function sameTypeAs(old: unknown, v: SameType): unknown {
  if (typeof old === 'string') return make(v.string)
  if (typeof old === 'number') return v.number
  if (typeof old === 'boolean') return !old
  if (Array.isArray(old)) return v.array === 'twice' ? [old[0], ...old] : v.array === 'empty' ? [] : make(v.array)
  if (typeof old !== 'object' || old === null) return make(v.string)
  return own([...Object.entries(old), [v.key, v.small]])
}

/** A change to the valid call: the number picks the place among the input's parts. */
const Mutation = fc.oneof(
  { weight: 8, arbitrary: fc.record({ op: fc.constant('same' as const), at: fc.nat(), value: sameType }) },
  { weight: 6, arbitrary: fc.record({ op: fc.constant('replace' as const), at: fc.nat(), value: hostile }) },
  { weight: 3, arbitrary: fc.record({ op: fc.constant('add' as const), at: fc.nat(), key, value: hostile }) },
  // Another id of the archive (another kind, another collection) where one is expected.
  { weight: 3, arbitrary: fc.record({ op: fc.constant('id' as const), at: fc.nat(), pick: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('drop' as const), at: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('wrap' as const), at: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('whole' as const), value: hostile }) },
)
type Mutation = typeof Mutation extends fc.Arbitrary<infer T> ? T : never

type Path = (string | number)[]
const isPlain = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && (Array.isArray(v) || Object.getPrototypeOf(v) === Object.prototype)

/** The input's parts, shallow first (not into hostile values: a 5000-deep one is not walked). */
function parts(v: unknown, at: Path = [], out: Path[] = []): Path[] {
  out.push(at)
  if (at.length >= 4 || !isPlain(v)) return out
  if (Array.isArray(v)) v.slice(0, 3).forEach((x, i) => parts(x, [...at, i], out))
  else for (const k of Object.keys(v).slice(0, 20)) parts(v[k], [...at, k], out)
  return out
}
const get = (v: unknown, p: Path) => p.reduce<unknown>((o, k) => (o as Record<string | number, unknown>)[k], v)

function mutate(input: unknown, m: Mutation, ids: readonly string[]): unknown {
  if (m.op === 'whole') return make(m.value)
  const all = parts(input)
  if (m.op === 'add') {
    const objects = all.filter((p) => isPlain(get(input, p)) && !Array.isArray(get(input, p)))
    if (!objects.length) return input
    const target = get(input, objects[m.at % objects.length]!) as Record<string, unknown>
    Object.defineProperty(target, m.key, { value: make(m.value), enumerable: true, writable: true, configurable: true })
    return input
  }
  // An id goes where a string is (an id, mostly).
  const strings = all.filter((p) => typeof get(input, p) === 'string')
  const among = m.op === 'id' && strings.length ? strings : all
  const at = among[m.at % among.length]!
  const old = get(input, at)
  const value =
    m.op === 'replace' ? make(m.value) : m.op === 'same' ? sameTypeAs(old, m.value) : m.op === 'id' ? ids[m.pick % ids.length] : m.op === 'wrap' ? [old] : undefined
  if (!at.length) return value
  const parent = get(input, at.slice(0, -1)) as Record<string | number, unknown>
  const k = at[at.length - 1]!
  if (m.op === 'drop') {
    if (Array.isArray(parent)) parent.splice(Number(k), 1)
    else delete parent[k]
  } else Object.defineProperty(parent, k, { value, enumerable: true, writable: true, configurable: true })
  return input
}

/**
 * Inputs the fuzzer found crashing a handler, shrunk by hand, replayed on every run: the
 * method's valid-shaped call with the part at `at` replaced by `json` (parsed, so keys such
 * as __proto__ stay own keys, as an HTTP body brings them).
 */
const FOUND: { method: Method; at: Path; json: string }[] = [
  { method: 'records.update', at: ['patch'], json: '{"constructor":1}' },
  { method: 'records.update', at: ['patch'], json: '{"toString":"x"}' },
  { method: 'records.update', at: ['patch', 'title'], json: '{"toString":1}' },
  { method: 'io.importJson', at: ['data', 'records', 0, 'kind'], json: '{"toString":1}' },
  { method: 'io.importJson', at: ['data', 'records', 0, 'tags'], json: '[{"toString":1}]' },
  { method: 'settings.update', at: ['patch', 'photoNoFormat'], json: '"{n}-{n}"' },
]

function withPart(input: unknown, at: Path, json: string): unknown {
  const parent = get(input, at.slice(0, -1)) as Record<string | number, unknown>
  Object.defineProperty(parent, at[at.length - 1]!, { value: JSON.parse(json), enumerable: true, writable: true, configurable: true })
  return input
}

// ---- checking one call ----------------------------------------------------------------------

/** The input for a failure message: long strings, deep nesting and odd numbers made visible. */
function show(v: unknown, depth = 0): string {
  if (typeof v === 'string') return v.length > 120 ? `<${v.length} chars: ${JSON.stringify(v.slice(0, 30))}…>` : JSON.stringify(v)
  if (typeof v === 'number') return Object.is(v, -0) ? '-0' : String(v)
  if (typeof v === 'bigint') return `${v}n`
  if (v === null || v === undefined || typeof v !== 'object') return String(v)
  if (!isPlain(v)) return `${v.constructor?.name ?? 'Object'}(${String(v).slice(0, 40)})`
  if (depth >= 6) {
    let d = 0
    for (let x: unknown = v; isPlain(x); x = Array.isArray(x) ? x[0] : x[Object.keys(x)[0] ?? '']) d++
    return `<nested ${d} deep>`
  }
  if (Array.isArray(v)) return `[${v.slice(0, 6).map((x) => show(x, depth + 1)).join(', ')}${v.length > 6 ? `, … ${v.length} items` : ''}]`
  const ks = Object.keys(v)
  return `{${ks.slice(0, 12).map((k) => `${JSON.stringify(k)}: ${show(v[k], depth + 1)}`).join(', ')}${ks.length > 12 ? ', …' : ''}}`
}

/** The archive as data (sizes and contents): what "changes nothing" compares. */
function fingerprint(s: ArchiveReader): string {
  return JSON.stringify(s.toDocument()) + `#${s.seq}`
}

const PROTOTYPES = [Object.prototype, Array.prototype, Function.prototype, String.prototype]
const protoKeys = () => PROTOTYPES.map((p) => Reflect.ownKeys(p).map(String).sort().join(','))
const pristine = protoKeys()

type Outcome = 'ok' | string

/** Calls the method once and checks every rule of a call; returns why it broke one, or its outcome. */
async function check(svc: ArchiveService, method: Method, input: unknown): Promise<{ outcome: Outcome; passedSchema: boolean; broke?: string }> {
  const before = fingerprint(svc.store)
  const seq = svc.store.seq
  let passedSchema = false
  try {
    passedSchema = API[method].input.safeParse(input ?? {}).success
  } catch (e) {
    return { outcome: 'crash', passedSchema, broke: `the schema itself threw ${e instanceof Error ? (e.stack ?? e.message) : String(e)}` }
  }
  let timer: NodeJS.Timeout | undefined
  const hang = new Promise<'hang'>((r) => (timer = setTimeout(() => r('hang'), CALL_LIMIT_MS)))
  let outcome: Outcome = 'ok'
  let broke: string | undefined
  try {
    const res = await Promise.race([dispatch(svc, method, input), hang])
    if (res === 'hang') return { outcome: 'hang', passedSchema, broke: `no answer within ${CALL_LIMIT_MS} ms` }
    // The browser host sends every result as JSON.
    try {
      JSON.stringify(res)
    } catch (e) {
      broke = `its result cannot be sent as JSON: ${(e as Error).message}`
    }
  } catch (e) {
    if (!(e instanceof ApiError)) broke = `threw a non-ApiError: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`
    else if (e.code === 'internal') broke = `was refused as internal: ${e.message}`
    outcome = e instanceof ApiError ? `${e.code} ${e.rule ?? e.reason}` : 'crash'
  } finally {
    clearTimeout(timer)
  }
  const moved = svc.store.seq - seq
  if (!broke && outcome !== 'ok' && (moved || fingerprint(svc.store) !== before)) broke = `was refused (${outcome}) yet changed the archive (journal ${seq} → ${svc.store.seq})`
  if (!broke && !WRITES[method] && (moved || fingerprint(svc.store) !== before)) broke = `only reads, yet changed the archive (journal ${seq} → ${svc.store.seq})`
  if (!broke && moved > 1) broke = `committed ${moved} journal entries for one call`
  if (!broke && protoKeys().join('|') !== pristine.join('|')) broke = 'added a property to a built-in prototype'
  if (!broke && ({} as Record<string, unknown>).polluted !== undefined) broke = 'polluted Object.prototype'
  return { outcome, passedSchema, broke }
}

// ---- the runs -----------------------------------------------------------------------------

let template: string
const stats: Record<string, { calls: number; passedSchema: number; outcomes: Record<string, number> }> = {}

beforeAll(async () => {
  template = tmpDir()
  const svc = await openArchive(template, { user: 'fuzzer' })
  await dispatch(svc, 'archive.loadDemo', {})
  // So that savedSearches.delete and the history have something to work on.
  await dispatch(svc, 'savedSearches.create', { name: '煤化工', query: 'tag:产业/煤化工' })
  await svc.close()
}, 60_000)

describe(`every contract method, fuzzed (${RUNS} hostile inputs each)`, () => {
  it('has a valid-shaped call for every method (so spoiled copies of it reach the handlers)', async () => {
    const dir = tmpDir()
    cpSync(template, dir, { recursive: true })
    const svc = await openArchive(dir, { user: 'fuzzer', snapshotDelayMs: 600_000 })
    try {
      for (const m of METHODS) {
        const r = API[m].input.safeParse(seedFor(m, svc.store))
        expect(r.success, `${m}: ${r.error?.message}`).toBe(true)
      }
    } finally {
      await svc.close()
    }
  })

  for (const method of METHODS) {
    it(
      method,
      async () => {
        const dir = tmpDir()
        cpSync(template, dir, { recursive: true })
        const svc = await openArchive(dir, { user: 'fuzzer', snapshotDelayMs: 600_000 })
        const st: (typeof stats)[string] = { calls: 0, passedSchema: 0, outcomes: {} }
        stats[method] = st
        const failures: string[] = []
        const run = async (input: unknown) => {
          const shown = show(input)
          const r = await check(svc, method, input)
          st.calls++
          if (r.passedSchema) st.passedSchema++
          st.outcomes[r.outcome] = (st.outcomes[r.outcome] ?? 0) + 1
          return r.broke ? `${method} ${shown}\n  ${r.broke}` : null
        }
        try {
          const valid = await run(seedFor(method, svc.store))
          if (valid) failures.push(`(the valid-shaped call) ${valid}`)
          for (const f of FOUND.filter((f) => f.method === method)) {
            const broke = await run(withPart(seedFor(method, svc.store), f.at, f.json))
            if (broke) failures.push(`(found before: ${f.at.join('.')} = ${f.json}) ${broke}`)
          }
          // Spoiled copies of it. fast-check's own report would print the inputs' megabytes:
          // the last (most shrunk) failure is kept as text, with the seed to replay the run.
          let last: string | null = null
          const details = await fc.check(
            fc.asyncProperty(fc.array(Mutation, { minLength: 1, maxLength: 3 }), async (ms) => {
              const s = svc.store
              const ids = [...s.records.keys(), ...s.tags.keys(), ...s.links.keys(), ...s.photoGroups.keys(), ...s.savedSearches.keys(), 'rec_missing']
              const broke = await run(ms.reduce((input, m) => mutate(input, m, ids), seedFor(method, s)))
              if (broke) last = `${broke}\n  mutations: ${fc.stringify(ms)}`
              return !broke
            }),
            { numRuns: RUNS },
          )
          if (details.failed) failures.push(`${last ?? details.errorInstance}\n  (fast-check seed ${details.seed}, path ${details.counterexamplePath})`)
          const broken = violations(svc.store)
          if (broken.length) failures.push(`${method}: the archive breaks its rules after the run: ${JSON.stringify(broken.slice(0, 3))}`)
        } finally {
          await svc.close()
          rmSync(dir, { recursive: true, force: true })
        }
        expect(failures, failures.join('\n\n')).toEqual([])
      },
      LONG ? 3_600_000 : 60_000,
    )
  }

  it('reached the handlers, not just the schemas', () => {
    const total = Object.values(stats).reduce((n, s) => n + s.calls, 0)
    const passed = Object.values(stats).reduce((n, s) => n + s.passedSchema, 0)
    console.info(`fuzz: ${total} calls, ${passed} past the schema`, Object.fromEntries(Object.entries(stats).map(([m, s]) => [m, s.outcomes])))
    expect(total).toBeGreaterThan(0)
    // Every method's valid-shaped call passes its schema, and a good share of spoiled ones do too.
    for (const [m, s] of Object.entries(stats)) expect(s.passedSchema, m).toBeGreaterThanOrEqual(1)
    expect(passed / total).toBeGreaterThan(0.1)
  })
})
