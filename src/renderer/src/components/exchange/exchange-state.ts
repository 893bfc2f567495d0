// What the sidebar's badge and the exchange views share: exchange.info (open conflicts,
// destinations packed for, sync servers used), reloaded after every change event and
// after an apply or a resolve. A failure leaves the last answer: the badge is a hint.
import { ref } from 'vue'
import type { ExchangeResults } from '@shared/contract/exchange'
import { call } from '@renderer/api'

export type ExchangeInfo = ExchangeResults['exchange.info']

export const exchangeInfo = ref<ExchangeInfo | null>(null)

/** The library's selection, handed to 制作交换包 (所选记录) by its selection bar. */
export const packSelection = ref<string[]>([])

let ticket = 0

/** Reloads exchange.info; of calls that overlap, the last one started wins. */
export async function loadExchangeInfo(): Promise<ExchangeInfo | null> {
  const mine = ++ticket
  try {
    const i = await call('exchange.info', {})
    if (mine === ticket) exchangeInfo.value = i
  } catch {
    // Left as it was: the page that needs it says why on its own call.
  }
  return exchangeInfo.value
}

/** The newest entry first (ISO timestamps sort as text). */
export function newestFirst<T extends { at: string }>(xs: readonly T[]): T[] {
  return [...xs].sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0))
}
