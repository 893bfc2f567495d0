// The language of the CLI's messages, from the environment as POSIX tools read it:
// LC_ALL overrides LC_MESSAGES, which overrides LANG; an empty variable does not count.
import { ApiError } from '../../shared/errors'
import { formatError, type Locale } from '../../shared/i18n/format'
import { safeText } from './safe-text'

export function cliLocale(env: NodeJS.ProcessEnv = process.env): Locale {
  const value = env.LC_ALL || env.LC_MESSAGES || env.LANG || ''
  return value.startsWith('zh') ? 'zh-CN' : 'en'
}

/**
 * The one line an error prints on stderr, in the user's locale. The [code] suffix stays
 * in English whatever the locale: scripts match on it.
 */
export function cliErrorLine(e: unknown, env: NodeJS.ProcessEnv = process.env): string {
  const err = ApiError.from(e)
  // One line even when a parameter (a file's own error text) spans several.
  // Parameters can hold titles and file names: no terminal escape reaches the screen.
  const text = safeText(formatError(cliLocale(env), err).replace(/\s*\n\s*/g, ' '))
  return `aid-archive: ${text} [${err.code}]`
}
