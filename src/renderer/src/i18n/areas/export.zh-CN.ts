// 简体中文 messages of the export area (namespace "export"); en in export.en.ts has the same keys.
export default {} as const
