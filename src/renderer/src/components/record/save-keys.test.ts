import { describe, expect, it } from 'vitest'
import { saveKeyOf } from './save-keys'

const key = (over: Partial<Parameters<typeof saveKeyOf>[0]>) =>
  saveKeyOf({ key: '', code: '', ctrlKey: false, metaKey: false, altKey: false, shiftKey: false, isComposing: false, ...over })

describe('save shortcuts', () => {
  it('reads Ctrl+S and ⌘S as save, Ctrl+Enter and ⌘Enter as submit', () => {
    expect(key({ key: 's', code: 'KeyS', ctrlKey: true })).toBe('save')
    expect(key({ key: 's', code: 'KeyS', metaKey: true })).toBe('save')
    expect(key({ key: 'Enter', code: 'Enter', ctrlKey: true })).toBe('submit')
    expect(key({ key: 'Enter', code: 'NumpadEnter', metaKey: true })).toBe('submit')
  })

  it('knows S by its position when the layout names it otherwise', () => {
    expect(key({ key: 'ы', code: 'KeyS', ctrlKey: true })).toBe('save')
  })

  it('leaves plain keys, other chords and input-method composition alone', () => {
    expect(key({ key: 's', code: 'KeyS' })).toBeNull()
    expect(key({ key: 'Enter', code: 'Enter' })).toBeNull()
    expect(key({ key: 'S', code: 'KeyS', ctrlKey: true, shiftKey: true })).toBeNull()
    expect(key({ key: 's', code: 'KeyS', ctrlKey: true, altKey: true })).toBeNull()
    expect(key({ key: 'k', code: 'KeyK', ctrlKey: true })).toBeNull()
    expect(key({ key: 'Enter', code: 'Enter', ctrlKey: true, isComposing: true })).toBeNull()
  })
})
