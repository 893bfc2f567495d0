// Tag paths as the archive keeps them: levels joined by "/", each trimmed, none empty.
import { ApiError } from './errors'

export function normTagPath(path: string): string {
  const norm = path
    .split('/')
    .map((s) => s.trim())
    .join('/')
  if (!norm || norm.split('/').some((s) => !s)) throw new ApiError('invalid_input', 'tag.path_empty_level', { path }, { field: 'path' })
  return norm
}
