// Handlers of the relations area's contract methods (src/shared/contract/relations.ts).
import type { relationsMethods } from '../../../shared/contract/relations'
import type { AreaHandlers, ArchiveService } from '../../core/service'
import { bulkDelete, bulkUpdate } from './bulk'
import { historyState, queryJournal, redo, undo } from './history'
import { batchDetail, chain, compare, graph, orphans, unbacked } from './queries'

export function relationsHandlers(svc: ArchiveService): AreaHandlers<keyof typeof relationsMethods> {
  return {
    'history.undo': async () => undo(svc),
    'history.redo': async () => redo(svc),
    'history.state': async () => historyState(svc),
    'journal.query': async (q) => queryJournal(svc, q),
    'relations.chain': async ({ id }) => chain(svc, id),
    'relations.graph': async ({ id, depth }) => graph(svc, id, depth),
    'relations.unbacked': async ({ batchId }) => unbacked(svc, batchId),
    'relations.orphans': async ({ batchId }) => orphans(svc, batchId),
    'batches.detail': async ({ id }) => batchDetail(svc, id),
    'batches.compare': async () => compare(svc),
    'records.bulkUpdate': async (input) => bulkUpdate(svc, input),
    'records.bulkDelete': async (input) => bulkDelete(svc, input),
  }
}
