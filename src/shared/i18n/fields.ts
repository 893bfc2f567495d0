// Field names as users know them, for saying where an error is ("第 4 条 · 日期").
// Input wrappers (record, patch, data) are left out: the user never sees them.
import type { Locale } from './format'

const zh: Record<string, string> = {
  title: '题名', date: '日期', endDate: '结束日期', startDate: '开始日期', number: '批次号', counterpart: '对口地区',
  leader: '领队', batchId: '批次', area: '领域', places: '地点', people: '人物', tags: '标签', notes: '备注',
  docNumber: '文号', responsible: '责任者', pages: '页数', classification: '密级', retention: '保管期限',
  openness: '开放标识', filing: '档号', itemNo: '件号', year: '年度', orgCode: '机构代码', body: '正文', source: '来源',
  keywords: '主题词', remarks: '备注', reportType: '文种', organisations: '单位', metrics: '指标', label: '名称',
  value: '数值', unit: '单位', before: '原值', qualifier: '修饰', status: '状态', summary: '摘要', caption: '说明',
  event: '事由', time: '时间', place: '地点', background: '背景', photographer: '摄影者', photoNo: '照片号',
  refNo: '参见号', groupId: '照片组', description: '文字说明', fondsCode: '全宗号', fondsName: '全宗名称',
  defaultOrgCode: '默认机构代码', orgCodes: '机构代码', areas: '领域', photoNoFormat: '照片号格式', path: '路径',
  color: '颜色', records: '记录', links: '关联', from: '起点', to: '终点', type: '类型', name: '名称', query: '检索式',
  kind: '类别', id: '编号',
  note: '说明', code: '代码', titleSupplied: '自拟题名', attachments: '附件', file: '文件',
  files: '文件', nameEn: '英文名称', locale: '界面语言', sample: '示例记录', text: '文本', q: '检索式', ids: '记录',
  recordId: '记录', recordIds: '记录', tagId: '标签', tagIds: '标签', photoIds: '照片', savedSearchId: '保存的检索',
  target: '目标', direction: '方向', sort: '排序', kinds: '门类', limit: '数量上限', offset: '起始位置',
  expectedUpdatedAt: '修改时间', createdAt: '创建时间', updatedAt: '修改时间', createdBy: '创建人', updatedBy: '修改人',
  refCode: '档号', batchNumber: '批次号', format: '格式', mime: '文件类型', size: '大小',
}
const en: Record<string, string> = {
  title: 'title', date: 'date', endDate: 'end date', startDate: 'start date', number: 'batch number', batchId: 'batch',
  docNumber: 'doc number', responsible: 'responsible', photoNo: 'photo number', refNo: 'see-also number',
  fondsCode: 'fonds code', groupId: 'photo group', records: 'records', links: 'links', tags: 'tags',
  // camelCase keys, which would otherwise show as they are spelled in code
  titleSupplied: 'supplied title', reportType: 'document type', itemNo: 'item number', orgCode: 'organisation code',
  orgCodes: 'organisation codes', defaultOrgCode: 'default organisation code', fondsName: 'fonds name',
  photoNoFormat: 'photo number pattern', nameEn: 'English name', refCode: 'reference code', batchNumber: 'batch number',
  expectedUpdatedAt: 'last modified', createdAt: 'created', updatedAt: 'modified', createdBy: 'created by',
  updatedBy: 'modified by', recordId: 'record', recordIds: 'records', tagId: 'tag', tagIds: 'tags', photoIds: 'photos',
  savedSearchId: 'saved search', q: 'query', caption: 'caption', note: 'note',
}
const SKIP = new Set(['record', 'patch', 'data', 'input'])

export function fieldLabel(locale: Locale, key: string): string {
  if (SKIP.has(key)) return ''
  // An unknown key says nothing in Chinese rather than an English word.
  // Own keys only: constructor or toString must not find Object.prototype's members.
  const has = (t: Record<string, string>) => Object.prototype.hasOwnProperty.call(t, key)
  return locale === 'en' ? (has(en) ? en[key]! : key) : has(zh) ? zh[key]! : ''
}
