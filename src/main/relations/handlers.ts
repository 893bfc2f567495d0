// Handlers of the relations area's contract methods (src/shared/contract/relations.ts).
import type { relationsMethods } from '../../shared/contract/relations'
import type { AreaHandlers, ArchiveService } from '../core/service'

export function relationsHandlers(svc: ArchiveService): AreaHandlers<keyof typeof relationsMethods> {
  void svc
  return {}
}
