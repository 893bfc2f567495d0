// Handlers of the export area's contract methods (src/shared/contract/export.ts).
import type { exportMethods } from '../../../shared/contract/export'
import type { AreaHandlers, ArchiveService } from '../../core/service'

export function exportHandlers(svc: ArchiveService): AreaHandlers<keyof typeof exportMethods> {
  void svc
  return {}
}
