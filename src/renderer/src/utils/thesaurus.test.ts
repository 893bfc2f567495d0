import { describe, expect, it } from 'vitest'
import { filterLines, lineError, lineProblem, lineText, parseWords } from './thesaurus'

describe('thesaurus lines in the settings card', () => {
  it('reads the words of a line however they are separated, once each', () => {
    expect(parseWords(' 焦炭  干熄焦、焦化，炼焦,焦炭;煤焦 ')).toEqual(['焦炭', '干熄焦', '焦化', '炼焦', '煤焦'])
    expect(lineText({ words: ['晋', '山西'] })).toBe('晋 山西')
    expect(parseWords(lineText({ words: ['晋', '山西'] }))).toEqual(['晋', '山西'])
  })

  it('checks a line as the archive will', () => {
    expect(lineProblem({ words: ['焦炭'], oneWay: false }, [])).toBe('tooFew')
    expect(lineProblem({ words: ['焦炭', '炭'.repeat(41)], oneWay: false }, [])).toBe('tooLong')
    expect(lineProblem({ words: Array.from({ length: 21 }, (_, i) => `词${i}`), oneWay: false }, [])).toBe('tooMany')
    expect(lineProblem({ words: ['焦炭', '干熄焦'], oneWay: false }, [])).toBe('')
  })

  it('finds a line already there: synonyms in any order, a short form by its first word', () => {
    const lines = [{ words: ['干熄焦', '焦炭'], oneWay: false }, { words: ['晋', '山西'], oneWay: true }]
    expect(lineProblem({ words: ['焦炭', '干熄焦'], oneWay: false }, lines)).toBe('duplicate')
    expect(lineProblem({ words: ['晋', '山西'], oneWay: true }, lines)).toBe('duplicate')
    expect(lineProblem({ words: ['山西', '晋'], oneWay: true }, lines)).toBe('')
    expect(lineProblem({ words: ['晋', '山西'], oneWay: false }, lines)).toBe('')
  })

  it('filters the lines by parts of words, letters in any case', () => {
    const lines = [{ words: ['医生', '大夫'] }, { words: ['BDO', '丁二醇'] }, { words: ['晋', '山西'] }]
    expect(filterLines(lines, '医')).toEqual([lines[0]])
    expect(filterLines(lines, 'bdo')).toEqual([lines[1]])
    expect(filterLines(lines, '晋 山')).toEqual([lines[2]])
    expect(filterLines(lines, '  ')).toEqual(lines)
  })

  it('places the archive’s refusal under the line it names', () => {
    const fields = { thesaurus: '第 2 条：太长', 'thesaurus.1': '太长', 'thesaurus.1.words': '太长' }
    expect(lineError(fields, 1)).toBe('太长')
    expect(lineError(fields, 0)).toBe('')
  })
})
