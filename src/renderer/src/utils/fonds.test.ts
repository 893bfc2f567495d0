import { describe, expect, it } from 'vitest'
import { exampleRefCode, fondsCodeProblem, normaliseFondsCode } from './fonds'

describe('全宗号 on the welcome step and in settings', () => {
  it('takes four letters or digits, written upper case', () => {
    expect(normaliseFondsCode(' j031 ')).toBe('J031')
    expect(fondsCodeProblem('J031')).toBe('')
    expect(fondsCodeProblem('j031')).toBe('')
  })

  it('refuses other codes with the rule’s own words', () => {
    for (const bad of ['', 'Z10', 'Z1090', 'Z-09', '全宗一号']) expect(fondsCodeProblem(bad)).toBe('全宗号为 4 位字母或数字。')
  })

  it('shows the 档号 the code leads', () => {
    expect(exampleRefCode('x201', 'BGS', 2025)).toBe('X201-WS·2025-Y-BGS-0001')
  })
})
