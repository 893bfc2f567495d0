// 简体中文 messages of the relations area (namespace "relations"); en in relations.en.ts has the same keys.
export default {} as const
