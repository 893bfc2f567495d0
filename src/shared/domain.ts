// The archive's domain, declared once as zod schemas; the TypeScript types are
// inferred from them so that validation and typing can never drift apart.
// Field names follow DOMAIN.md; Chinese archival terms are noted beside them.
import { z } from 'zod'
import { DateField } from './dates'

/**
 * A date as archive.json keeps it: YYYY, YYYY-MM or YYYY-MM-DD (sources are often vague),
 * or '' for none. Checked for form only: an archive written before the calendar rule
 * (2024-02-30) must still open; the kernel applies DateField, which also checks the
 * calendar and reads the forms staff write (2025年3月18日), to every change.
 */
export const StoredDate = z.string().regex(/^(\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?)?$/, 'date.unreadable')
export const IsoTimestamp = z.string().min(10)

export const RECORD_KINDS = ['batch', 'report', 'achievement', 'photo'] as const
export const RecordKind = z.enum(RECORD_KINDS)
export type RecordKind = z.infer<typeof RecordKind>

/** 保管期限: 永久 Y, 定期30年 D30, 定期10年 D10 (DA/T 22-2015). */
export const Retention = z.enum(['Y', 'D30', 'D10'])
export type Retention = z.infer<typeof Retention>
/** 开放标识 (DA/T 18-2022). */
export const Openness = z.enum(['开放', '控制', '延期开放', '未审核'])
/** 密级; empty string means not classified. */
export const Classification = z.enum(['', '秘密', '机密', '绝密'])
export const ReportType = z.enum(['简报', '综述', '总结', '报告', '报道', '通知', '其他'])
export const AchievementStatus = z.enum(['planned', 'in_progress', 'completed'])
export const LINK_TYPES = ['evidence', 'continues', 'related', 'cites'] as const
/** 佐证 evidence, 延续 continues (later → earlier batch), 相关 related, 引用 cites. */
export const LinkType = z.enum(LINK_TYPES)
export type LinkType = z.infer<typeof LinkType>

export const Id = z.string().regex(/^[a-z]+[-_][A-Za-z0-9_-]{1,64}$/, 'field.malformed_id')
const text = (max: number) => z.string().max(max)

/** A file kept in the archive's content-addressed files/ folder. */
export const FileRef = z.object({
  sha256: z.string().regex(/^[0-9a-f]{64}$/, 'field.sha256'),
  name: text(500),
  mime: text(200),
  size: z.number().int().nonnegative(),
  /** A generated stand-in (the demo's photos), never an original. */
  placeholder: z.boolean().default(false),
})
export type FileRef = z.infer<typeof FileRef>

/** The parts of a 档号 (DA/T 22-2015), stored apart and rendered, never parsed back. */
export const Filing = z.object({
  year: z.number().int().min(1900).max(2999),
  retention: Retention,
  orgCode: z.string().regex(/^[A-Z0-9]{1,8}$/, 'field.org_code'),
  itemNo: z.number().int().min(1).max(9999),
})
export type Filing = z.infer<typeof Filing>

export const Metric = z.object({
  label: text(100).min(1),
  value: z.number().finite(),
  unit: text(40),
  /** The value before the work, where the source gives one ("由3.15万增至5万"). */
  before: z.number().finite().nullable().default(null),
  /** How exact the value is, as sources say it: 约100, 2000余, 60多, 5万以上. */
  qualifier: z.enum(['', '约', '余', '多', '以上', '以下']).default(''),
  note: text(500).default(''),
})
export type Metric = z.infer<typeof Metric>

/** The six elements of a photo caption (GB/T 11821, DA/T 50). */
export const Caption = z.object({
  event: text(2000).default(''), // 事由
  time: text(100).default(''), // 时间
  place: text(200).default(''), // 地点
  people: text(1000).default(''), // 人物 (with roles)
  background: text(4000).default(''), // 背景
  photographer: text(200).default(''), // 摄影者 or providing unit
})
export type Caption = z.infer<typeof Caption>

/** Fields every record carries, whatever its kind. */
const base = {
  id: Id,
  title: text(500).trim().min(1, 'field.required'),
  tags: z.array(Id).default([]),
  /** 示例: invented sample records, never mixed up with the sources' facts. */
  sample: z.boolean().default(false),
  notes: text(20000).default(''),
  createdAt: IsoTimestamp,
  updatedAt: IsoTimestamp,
  createdBy: text(200),
  updatedBy: text(200),
}
/** Fields of records that belong to a batch and a place. */
const placedWith = (date: DateSchema) => ({
  batchId: Id.nullable().default(null),
  area: text(100).default(''),
  places: z.array(text(200)).default([]),
  people: z.array(text(200)).default([]),
  date: date.default(''),
})

const makeBatchRecord = (date: DateSchema) => z.object({
  ...base,
  kind: z.literal('batch'),
  number: z.number().int().min(1).max(999),
  startDate: date.default(''),
  endDate: date.default(''),
  counterpart: text(200).default(''),
  leader: text(200).default(''),
})

const makeReportRecord = (date: DateSchema) => z.object({
  ...base,
  ...placedWith(date),
  kind: z.literal('report'),
  reportType: ReportType.default('报告'),
  /** The title was written by the archivist (shown in [ ] in catalogues). */
  titleSupplied: z.boolean().default(false),
  docNumber: text(100).default(''), // 文号
  responsible: text(200).default(''), // 责任者
  pages: z.number().int().min(0).max(100000).nullable().default(null), // 页数 (null: not known)
  classification: Classification.default(''), // 密级
  retention: Retention.default('Y'), // 保管期限
  openness: Openness.default('未审核'), // 开放标识
  filing: Filing.nullable().default(null), // 档号 parts, once filed
  body: text(2_000_000).default(''),
  source: text(500).default(''),
  keywords: z.array(text(100)).default([]), // 主题词
  remarks: text(2000).default(''), // 备注
  attachments: z.array(FileRef).default([]),
})

const makeAchievementRecord = (date: DateSchema) => z.object({
  ...base,
  ...placedWith(date),
  kind: z.literal('achievement'),
  endDate: date.default(''),
  organisations: z.array(text(200)).default([]),
  metrics: z.array(Metric).default([]),
  status: AchievementStatus.default('completed'),
  summary: text(20000).default(''),
})

const makePhotoRecord = (date: DateSchema) => z.object({
  ...base,
  ...placedWith(date),
  kind: z.literal('photo'),
  caption: Caption.default({ event: '', time: '', place: '', people: '', background: '', photographer: '' }),
  photoNo: text(50).default(''), // 照片号
  refNo: text(100).default(''), // 参见号: 档号 of the related report
  groupId: Id.nullable().default(null),
  description: text(20000).default(''), // 文字说明
  file: FileRef.nullable().default(null),
  exif: z.record(z.string(), z.unknown()).nullable().default(null),
})

type DateSchema = typeof DateField | typeof StoredDate

/** The records as every change must be: dates read as staff write them and checked against the calendar. */
export const BatchRecord = makeBatchRecord(DateField)
export const ReportRecord = makeReportRecord(DateField)
export const AchievementRecord = makeAchievementRecord(DateField)
export const PhotoRecord = makePhotoRecord(DateField)
export const ArchiveRecord = z.discriminatedUnion('kind', [BatchRecord, ReportRecord, AchievementRecord, PhotoRecord])
/** The records as archive.json may hold them (see StoredDate): what opening accepts. */
export const StoredRecord = z.discriminatedUnion('kind', [
  makeBatchRecord(StoredDate),
  makeReportRecord(StoredDate),
  makeAchievementRecord(StoredDate),
  makePhotoRecord(StoredDate),
])
export type BatchRecord = z.infer<typeof BatchRecord>
export type ReportRecord = z.infer<typeof ReportRecord>
export type AchievementRecord = z.infer<typeof AchievementRecord>
export type PhotoRecord = z.infer<typeof PhotoRecord>
export type ArchiveRecord = z.infer<typeof ArchiveRecord>
export type RecordOf<K extends RecordKind> = Extract<ArchiveRecord, { kind: K }>

export const Tag = z.object({
  id: Id,
  /** Hierarchical path, levels joined by "/": 产业/煤化工. */
  path: z
    .string()
    .min(1)
    .max(200)
    .refine((p) => p.split('/').every((s) => s.trim().length > 0), 'tag.path_empty_level'),
  color: z.string().regex(/^(#[0-9a-fA-F]{6})?$/, 'field.colour').default(''),
  createdAt: IsoTimestamp,
})
export type Tag = z.infer<typeof Tag>

export const Link = z.object({
  id: Id,
  from: Id,
  to: Id,
  type: LinkType,
  note: text(1000).default(''),
  createdAt: IsoTimestamp,
  createdBy: text(200),
})
export type Link = z.infer<typeof Link>

export const PhotoGroup = z.object({
  id: Id,
  title: text(500).trim().min(1, 'field.required'),
  description: text(20000).default(''), // 总说明
  createdAt: IsoTimestamp,
})
export type PhotoGroup = z.infer<typeof PhotoGroup>

export const SavedSearch = z.object({
  id: Id,
  name: text(100).min(1),
  query: text(1000).min(1),
  createdAt: IsoTimestamp,
})
export type SavedSearch = z.infer<typeof SavedSearch>

export const Area = z.object({ id: z.string().min(1).max(40), name: text(100).min(1), nameEn: text(100).default('') })
export type Area = z.infer<typeof Area>

export const DEFAULT_PHOTO_NO_FORMAT = 'ZP·{year}-{n}'

/**
 * A thesaurus line: words that find each other (医生 大夫 医师), or with oneWay, a short
 * form that finds its full forms but not the reverse (晋 → 山西: searching 山西 should
 * not find every 晋).
 */
export const ThesaurusEntry = z
  .object({
    words: z.array(z.string().trim().min(1).max(40)).min(2).max(20),
    oneWay: z.boolean().default(false),
  })
  .strict()
export type ThesaurusEntry = z.infer<typeof ThesaurusEntry>

/** How a shipped line is named when the office switches it off. */
export function thesaurusKey(e: Pick<ThesaurusEntry, 'words'>): string {
  return e.words.join(' ')
}

const orgCode = z.string().regex(/^[A-Z0-9]{1,8}$/, 'field.org_code')
const settingsShape = {
  /** 全宗号: four letters or digits. */
  fondsCode: z.string().regex(/^[A-Za-z0-9]{4}$/, 'field.fonds_code'),
  fondsName: text(200),
  orgCodes: z.array(z.object({ code: orgCode, name: text(100) })),
  defaultOrgCode: orgCode,
  areas: z.array(Area),
  places: z.array(text(100)),
  locale: z.enum(['zh-CN', 'en']),
  /**
   * The form of a 照片号: {year} is the photo's 年度 (else the year it is numbered), {n}
   * the running number, zero-padded to four digits. One sequence per distinct prefix.
   */
  photoNoFormat: text(40).refine((f) => f.split('{n}').length === 2 && f.split('{year}').length <= 2, 'photo_no.format'),
  /** The office's own thesaurus, on top of the one shipped with the app (see ThesaurusEntry). */
  thesaurus: z.array(ThesaurusEntry).max(5000),
  /** Shipped thesaurus lines the office does not want, by thesaurusKey (their words, space-joined). */
  thesaurusOff: z.array(z.string().max(1000)).max(1000),
}
export const Settings = z.object({
  ...settingsShape,
  fondsName: settingsShape.fondsName.default(''),
  orgCodes: settingsShape.orgCodes.default([]),
  defaultOrgCode: settingsShape.defaultOrgCode.default('BGS'),
  areas: settingsShape.areas.default([]),
  places: settingsShape.places.default([]),
  locale: settingsShape.locale.default('zh-CN'),
  photoNoFormat: settingsShape.photoNoFormat.default(DEFAULT_PHOTO_NO_FORMAT),
  thesaurus: settingsShape.thesaurus.default([]),
  thesaurusOff: settingsShape.thesaurusOff.default([]),
})
/** A settings change: only the keys given (no defaults, which would wipe the rest). */
export const SettingsPatch = z.object(settingsShape).partial().strict()
export type Settings = z.infer<typeof Settings>

/**
 * Exchange between archives (transfer packages, CouchDB sync). Each archive copy is a
 * replica with its own id; every item carries a version vector: for each replica that
 * changed it, that replica's clock at its last change. One vector above another means the
 * item was changed only on that side since; neither above the other means both sides
 * changed it: a conflict. Kept beside the items, not in them, so the domain stays clean.
 */
export const VersionVector = z.record(z.string().regex(/^[a-z0-9]{1,40}$/), z.number().int().positive())
export type VersionVector = z.infer<typeof VersionVector>
export const ItemVersion = z.object({
  /** `${collection}/${item id}` */
  id: z.string().min(3).max(200),
  vv: VersionVector,
  /** A tombstone: the item was deleted (so the deletion travels and is not undone by an old copy). */
  deleted: z.boolean().default(false),
  at: IsoTimestamp,
  /** The replica this version was made on ('' where not known: items older than exchange). */
  by: z.string().max(40).default(''),
})
export type ItemVersion = z.infer<typeof ItemVersion>

export const EXCHANGED_COLLS = ['records', 'tags', 'links', 'photoGroups', 'savedSearches'] as const
/** Another version of an item kept by a conflict (value null: deleted in that version). */
export const ConflictLeaf = z.object({
  vv: VersionVector,
  value: z.record(z.string(), z.unknown()).nullable(),
  from: z.string().max(40).default(''),
  fromName: z.string().max(200).default(''),
  at: IsoTimestamp,
})
export type ConflictLeaf = z.infer<typeof ConflictLeaf>
export const Conflict = z.object({
  /** The item's version key; a number collision adds `#field`. */
  id: z.string().min(3).max(300),
  kind: z.enum(['edit', 'delete', 'number']),
  coll: z.enum(EXCHANGED_COLLS),
  itemId: Id,
  /** edit/delete: the versions that lost to the one the archive shows (usually one). */
  leaves: z.array(ConflictLeaf).max(100).default([]),
  /** number: the number this record arrived with, and the record that keeps it. */
  number: z.object({ field: z.enum(['photoNo', 'filing', 'number']), value: z.string().max(100), holderId: Id, given: z.string().max(100).optional() }).optional(),
  at: IsoTimestamp,
})
export type Conflict = z.infer<typeof Conflict>

export const SCHEMA_VERSION = 1
/**
 * Running numbers the archive has issued, by sequence (照片号 prefix → last number).
 * Kept so that a number is never issued twice, even after the photo that had it is gone.
 */
export const Counters = z.record(z.string().max(100), z.number().int().nonnegative())
export type Counters = z.infer<typeof Counters>

export const ArchiveDocument = z.object({
  schemaVersion: z.literal(SCHEMA_VERSION),
  /** Sequence number of the last journal entry this snapshot includes. */
  seq: z.number().int().nonnegative(),
  settings: Settings,
  records: z.array(StoredRecord),
  tags: z.array(Tag),
  links: z.array(Link),
  photoGroups: z.array(PhotoGroup),
  savedSearches: z.array(SavedSearch),
  counters: Counters.default({}),
  versions: z.array(ItemVersion).default([]),
  conflicts: z.array(Conflict).default([]),
})
export type ArchiveDocument = z.infer<typeof ArchiveDocument>

export const DEFAULT_AREAS: Area[] = [
  { id: 'industry', name: '产业援疆', nameEn: 'Industry' },
  { id: 'livelihood', name: '民生保障', nameEn: 'Livelihood' },
  { id: 'education', name: '教育援疆', nameEn: 'Education' },
  { id: 'medical', name: '医疗援疆', nameEn: 'Medical' },
  { id: 'culture', name: '文化润疆', nameEn: 'Culture' },
  { id: 'talent', name: '人才援疆', nameEn: 'Talent' },
  { id: 'exchange', name: '交往交流交融', nameEn: 'Exchange & unity' },
]

export const CHANGJI_PLACES = [
  '昌吉市', '阜康市', '呼图壁县', '玛纳斯县', '奇台县', '吉木萨尔县', '木垒哈萨克自治县',
  '准东经济技术开发区', '昌吉国家高新技术产业开发区',
]

export function defaultSettings(): Settings {
  return {
    fondsCode: 'Z109',
    fondsName: '援疆前方指挥部',
    orgCodes: [{ code: 'BGS', name: '办公室' }],
    defaultOrgCode: 'BGS',
    areas: DEFAULT_AREAS.map((a) => ({ ...a })),
    places: [...CHANGJI_PLACES],
    locale: 'zh-CN',
    photoNoFormat: DEFAULT_PHOTO_NO_FORMAT,
    thesaurus: [],
    thesaurusOff: [],
  }
}
