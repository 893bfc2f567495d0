// English messages of the relations area, typed against relations.zh-CN.ts by ../en.ts.
export default {}
