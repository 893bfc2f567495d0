// 简体中文 words of the record forms, their keys and the first-run step (namespace "forms");
// forms.en.ts has the same keys.
export default {
  back: '返回上一页',
  saveKeys: '保存（Ctrl+S 或 Ctrl+Enter）',
  saveAndNew: '保存并新建',
  saveAndNewKeys: '保存后留在此页，接着著录下一条',
  savedNext: '已保存“{title}”，可以接着著录下一条',
  written: '读作：{text}',
  terms: {
    places: '检索地名', people: '检索人物',
    placesHint: '上行照原说明写地点；下行为检索和筛选用的地名，可多个。',
    peopleHint: '上行照原说明写人物及身份；下行为检索用的姓名，可多个。',
  },
  fonds: {
    title: '填写本单位的全宗信息',
    lead: '全宗号和立档单位名称会写进每件文书的档号和归档目录。请按档案馆给定的全宗号填写；以后可在“设置”中修改。',
    code: '全宗号',
    codeHint: '4 位字母或数字，以档案馆给定的为准',
    name: '立档单位名称',
    nameHint: '形成这些档案的单位的全称',
    nameRequired: '请填写立档单位名称。',
    suggest: '采用建议值：{code}　{name}',
    example: '档号示例：{code}',
    back: '返回',
    start: '开始使用',
    saved: '全宗信息已保存',
  },
}
