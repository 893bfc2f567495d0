// The wait at start-up for the host to open its archive: its status asked until 'ready'.
// Pure (the client and the clock are passed in), so it is tested without a page.
import type { ApiClient, OpenStatus } from '@shared/api'
import { ApiError } from '@shared/errors'

/** 0–100 when the host says how far the phase is, else null (the bar just moves). */
export function openPercent(s: OpenStatus): number | null {
  if (s.done === undefined || !s.total || s.total <= 0) return null
  return Math.max(0, Math.min(100, Math.floor((s.done / s.total) * 100)))
}

/**
 * Asks the host's status every intervalMs and tells each answer to onStatus; resolves once
 * the archive is ready. Rejects with the open's typed error, or the status call's own
 * (a wrong token, a host gone).
 */
export async function untilOpen(
  client: Pick<ApiClient, 'status'>,
  onStatus: (s: OpenStatus) => void,
  opts: { intervalMs?: number; sleep?: (ms: number) => Promise<void> } = {},
): Promise<void> {
  const interval = opts.intervalMs ?? 200
  const sleep = opts.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)))
  for (;;) {
    const s = await client.status()
    if (s.error) throw ApiError.from(s.error)
    onStatus(s)
    if (s.phase === 'ready') return
    await sleep(interval)
  }
}
