// The one order for Chinese text: pinyin, not code points, and numbers by value (第5批 before
// 第12批). Main and renderer sort with it so a list reads the same wherever it is built.
export const zhCollator = new Intl.Collator('zh-Hans-CN', { numeric: true })
