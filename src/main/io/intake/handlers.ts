// Handlers of the intake area's contract methods (src/shared/contract/intake.ts).
import type { intakeMethods } from '../../../shared/contract/intake'
import type { AreaHandlers, ArchiveService } from '../../core/service'

export function intakeHandlers(svc: ArchiveService): AreaHandlers<keyof typeof intakeMethods> {
  void svc
  return {}
}
