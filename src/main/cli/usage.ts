// Commander's own refusals (an unknown command, a missing argument, a value not among the
// choices) as reasons, so they print in the user's language like every other error. The
// names and values are read from the quoted parts of commander's message.
import type { CommanderError } from 'commander'
import { ApiError } from '../../shared/errors'

export function usageError(e: CommanderError): ApiError {
  const quoted = [...e.message.matchAll(/'([^']*)'/g)].map((m) => m[1]!)
  const name = (quoted[0] ?? '').replace(/\s*<[^>]*>|\s*\[[^\]]*\]/g, '')
  switch (e.code) {
    case 'commander.unknownCommand':
      return new ApiError('invalid_input', 'cli.unknown_command', { name })
    case 'commander.unknownOption':
      return new ApiError('invalid_input', 'cli.unknown_option', { name })
    case 'commander.missingArgument':
      return new ApiError('invalid_input', 'cli.missing_argument', { name })
    case 'commander.optionMissingArgument':
    case 'commander.missingMandatoryOptionValue':
      return new ApiError('invalid_input', 'cli.option_needs_value', { name })
    case 'commander.invalidArgument': {
      const options = /Allowed choices are (.*)\.$/.exec(e.message)?.[1]
      if (options) return new ApiError('invalid_input', 'cli.invalid_choice', { name, value: quoted[1] ?? '', options })
      return new ApiError('invalid_input', 'cli.usage')
    }
    case 'commander.excessArguments':
      return new ApiError('invalid_input', 'cli.too_many_arguments')
    default:
      return new ApiError('invalid_input', 'cli.usage')
  }
}
