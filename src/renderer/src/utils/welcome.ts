// Whether the welcome screen was dismissed for this archive (kept per archive path).
const KEY = 'aid-archive.welcomed'

export function wasWelcomed(path: string): boolean {
  return localStorage.getItem(`${KEY}:${path}`) === '1'
}

export function markWelcomed(path: string): void {
  localStorage.setItem(`${KEY}:${path}`, '1')
}
