// English messages of the export area, typed against export.zh-CN.ts by ../en.ts.
export default {}
