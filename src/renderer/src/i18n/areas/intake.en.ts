// English messages of the intake area, typed against intake.zh-CN.ts by ../en.ts.
export default {}
