import { describe, expect, it } from 'vitest'
import { ALNUM, CJK, SEP, charClasses, normalize } from './normalize'

describe('normalize', () => {
  it('folds full-width letters and digits to half-width and lower case', () => {
    expect(normalize('ＢＤＯ生产线１２３Ａｂ')).toBe('bdo生产线123ab')
  })

  it('lower-cases ASCII and Latin letters', () => {
    expect(normalize('BDO Élan ÜBER')).toBe('bdo élan vber')
  })

  it('converts traditional characters to simplified', () => {
    expect(normalize('煤層氣開發，幹熄焦項目')).toBe('煤层气开发，干熄焦项目')
    expect(normalize('吉木薩爾縣義診')).toBe('吉木萨尔县义诊')
  })

  it('writes ü as v (how pinyin is typed) and the ideographic space as a space', () => {
    expect(normalize('lü　绿')).toBe('lv 绿')
  })

  it('leaves Chinese punctuation and simplified text alone', () => {
    const s = '阜康市永鑫焦化170吨/时干熄焦项目（2024年）：“投产”，'
    expect(normalize(s)).toBe(s)
  })

  it('always keeps the length, so offsets in normalised text are offsets in the original', () => {
    for (const s of ['ＡＢＣ層', '煤層氣 ＢＤＯ 99.75%', '後來裡麵乾著於藉徵臺灣', 'İstanbul ǅ ß', '𠀀𠀁 text'])
      expect(normalize(s).length).toBe(s.length)
  })

  it('classes characters as CJK, letters/digits or separators', () => {
    const k = charClasses()
    expect(k['阜'.charCodeAt(0)]).toBe(CJK)
    expect(k['a'.charCodeAt(0)]).toBe(ALNUM)
    expect(k['7'.charCodeAt(0)]).toBe(ALNUM)
    expect(k['，'.charCodeAt(0)]).toBe(SEP)
    expect(k[' '.charCodeAt(0)]).toBe(SEP)
  })
})
