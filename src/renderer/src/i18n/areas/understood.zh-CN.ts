// 简体中文 words of how a search was read (search.understood) and of the office's thesaurus
// in 设置 (settings.thesaurus); understood.en.ts has the same keys.
export const understood = {
  chip: {
    batch: '批次：第{n}批', batchRange: '批次：第{lo}–{hi}批', year: '年份：{n}年', yearRange: '年份：{lo}–{hi}年',
    kind: '类型：{kind}', other: '筛选：{text}',
  },
  chipClose: '不作筛选，按文字查找“{text}”',
  noBatch: '档案中没有第{n}批，已按文字查找', noBatchRange: '档案中没有第{lo}–{hi}批，已按文字查找',
  noYear: '档案中没有{n}年的记录，已按文字查找', noYearRange: '档案中没有{lo}–{hi}年的记录，已按文字查找',
  noMatch: '档案中没有与“{text}”对应的记录，已按文字查找',
  how: { synonym: '{word}同时按同义词{used}查找', abbreviation: '简称{word}按全称{used}查找', number: '{word}按{used}查找', sound: '{word}没有完全相同的记录，按读音找到{used}' },
  ignored: '已忽略：{words}',
  quoted: '“{w}”', sep: '、', join: '；',
  partialDivider: '以下结果只包含部分词语',
  onlyPartial: '没有同时包含全部词语的记录，以下按包含的词语多少排列',
  onlyPartialMissing: '没有同时包含全部词语的记录，以下按包含的词语多少排列；未找到：{words}',
  noneHas: '没有任何记录包含：{words}',
  hitMissing: '缺少：{words}',
}

export const thesaurus = {
  title: '检索词表',
  hint: '本单位的同义词和简称。检索一行中的某个词时，也查找同一行的其他词；简称只从简称查全称，例如“晋 山西”：查“晋”也找“山西”，查“山西”不找“晋”。',
  own: '本单位添加的词条', ownEmpty: '还没有添加词条。', words: '词语', wordsHint: '用空格、顿号或逗号分隔，如：焦炭 干熄焦',
  oneWay: '简称（单向）', oneWayHint: '第一个词是简称，只用它查找其余的词',
  add: '添加词条', edit: '修改', save: '保存', cancel: '取消', remove: '删除', removeConfirm: '删除词条“{line}”？',
  added: '已添加词条', saved: '已保存词条', removed: '已删除词条',
  tooFew: '至少填写两个不同的词', tooLong: '每个词最多 40 个字', tooMany: '一行最多 20 个词', duplicate: '词表中已有这一行',
  synonym: '同义', abbreviation: '简称',
  shipped: '随软件提供的词表（{n} 行，可停用不需要的行）', use: '使用', useLine: '使用这一行：{line}',
  enabled: '已恢复使用这一行', disabled: '已停用这一行', filter: '筛选词语', noneMatch: '没有包含“{q}”的词条', loadFailed: '无法读取随软件提供的词表：{msg}',
}
