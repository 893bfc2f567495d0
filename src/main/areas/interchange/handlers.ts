// The interchange area: the archive out as one JSON document, records in from JSON.
import type { interchangeMethods } from '../../../shared/contract/interchange'
import type { AreaHandlers, ArchiveService } from '../../core/service'
import { exportDocument, importData } from './json-interchange'

export function interchangeHandlers(svc: ArchiveService): AreaHandlers<keyof typeof interchangeMethods> {
  return {
    'io.exportJson': async () => exportDocument(svc.store),
    'io.importJson': async ({ data }) => importData(svc, data, 'io.importJson'),
  }
}
