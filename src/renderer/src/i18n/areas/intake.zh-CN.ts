// 简体中文 messages of the intake area (namespace "intake"); en in intake.en.ts has the same keys.
export default {} as const
