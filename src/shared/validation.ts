// A schema's complaints as reasons: each zod issue becomes {path, reason, params}. Schemas
// in domain.ts give their own refinements a reason key as the message ('field.fonds_code',
// 'date.not_in_calendar'), which passes through as that reason.
import type { z } from 'zod'
import { ApiError, type ErrorIssue, type Reason } from './errors'
import { isReason } from './i18n/format'

type Issue = z.core.$ZodIssue

const TYPE_REASONS: Record<string, Reason> = { string: 'field.expected_text', number: 'field.expected_number', boolean: 'field.expected_yes_no', array: 'field.expected_list' }

function reasonOf(i: Issue): Pick<ErrorIssue, 'reason' | 'params'> {
  if (isReason(i.message)) {
    // A refinement that names a reason passes its parameters in params (zod keeps those;
    // it drops the issue's input unless asked).
    const own = i.code === 'custom' ? (i.params as ErrorIssue['params'] | undefined) : undefined
    const params = own ?? ('input' in i && typeof i.input === 'string' ? { value: i.input } : undefined)
    return { reason: i.message, ...(params ? { params } : {}) }
  }
  switch (i.code) {
    case 'invalid_type':
      // zod keeps the input only when asked; its own message still says what arrived.
      if ('input' in i ? i.input === undefined : /received undefined/.test(i.message)) return { reason: 'field.required' }
      if (i.expected === 'int') return { reason: 'field.not_integer' }
      return { reason: TYPE_REASONS[i.expected] ?? 'field.wrong_type' }
    case 'too_small': {
      const min = Number(i.minimum)
      if (i.origin === 'string') return min <= 1 ? { reason: 'field.required' } : { reason: 'field.too_short', params: { min } }
      if (i.origin === 'array' || i.origin === 'set') return { reason: 'field.too_few', params: { min } }
      return { reason: 'field.too_small', params: { min } }
    }
    case 'too_big': {
      const max = Number(i.maximum)
      if (i.origin === 'string') return { reason: 'field.too_long', params: { max } }
      if (i.origin === 'array' || i.origin === 'set') return { reason: 'field.too_many', params: { max } }
      return { reason: 'field.too_large', params: { max } }
    }
    case 'invalid_value':
      return { reason: 'field.not_allowed', params: { options: i.values.map((v) => (v === '' ? '—' : String(v))).join(' / ') } }
    case 'unrecognized_keys':
      return { reason: 'field.unknown_keys', params: { keys: i.keys.join(', ') } }
    case 'invalid_format':
      return { reason: 'field.invalid' }
    default:
      return { reason: 'field.invalid' }
  }
}

export function issuesFromZod(issues: readonly Issue[]): ErrorIssue[] {
  return issues.slice(0, 50).map((i) => ({ path: i.path.map(String).join('.'), ...reasonOf(i) }))
}

/** invalid_input for a failed parse: the first issue is the reason, every issue is listed. */
export function invalid(issues: readonly Issue[]): ApiError {
  const list = issuesFromZod(issues)
  const first = list[0] ?? { path: '', reason: 'field.invalid' as Reason }
  return new ApiError('invalid_input', first.reason, first.params ?? {}, { field: first.path, issues: list })
}

/**
 * Where a "__proto__" key is in an input: the path of the object holding it ('' at the
 * top), or null if there is none. JSON.parse makes it an
 * ordinary own key, but it is nobody's field: a schema that rebuilds the object drops it
 * (a records.update patch of only __proto__ would become an empty edit), and a copy by
 * assignment would turn it into the object's prototype.
 */
export function protoKeyAt(value: unknown): string | null {
  const stack: [unknown, string][] = [[value, '']]
  while (stack.length) {
    const [v, path] = stack.pop()!
    if (typeof v !== 'object' || v === null) continue
    for (const k of Object.keys(v)) {
      if (k === '__proto__') return path
      stack.push([(v as Record<string, unknown>)[k], path ? `${path}.${k}` : k])
    }
  }
  return null
}

