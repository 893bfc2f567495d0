// 主题词建议的用语（命名空间 keywords）。
export default {
  suggest: '建议主题词',
  hint: '从题名和正文中提取主题词，点击添加',
  add: '添加主题词“{word}”',
  addAll: '全部添加',
  none: '没有可建议的主题词',
  allAdded: '建议的主题词已全部添加',
}
