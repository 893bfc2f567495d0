// The archive area: what the archive is (info, settings), the demo, verify and its
// repairs, saved searches, the plain journal list, and search.
import type { ApiResults } from '../../../shared/api'
import type { archiveMethods } from '../../../shared/contract/archive'
import { ApiError } from '../../../shared/errors'
import type { SavedSearch } from '../../../shared/domain'
import type { AreaHandlers, ArchiveService } from '../../core/service'
import { RULE_NAMES } from '../../core/rules'
import { BOOKKEEPING } from '../../core/store/journal'
import { fixChanges, verifyReport, violations } from '../../core/verify'
import { checkFiles } from './files-check'
import { SHIPPED_THESAURUS } from '../../language/lexicon'

/** Loads the demo archive into this (empty) archive; wired by the composition root. */
export type DemoLoader = () => Promise<void>

type Methods = keyof typeof archiveMethods

export function archiveHandlers(svc: ArchiveService, loadDemo?: DemoLoader): AreaHandlers<Methods> {
  return {
    'archive.info': async () => svc.info(),
    'archive.loadDemo': async () => {
      if (svc.store.records.size > 0) throw new ApiError('conflict', 'demo.not_empty')
      if (!loadDemo) throw new ApiError('not_found', 'demo.missing')
      await loadDemo()
      return svc.info()
    },
    'archive.verify': async ({ limit, files }) => {
      const report = verifyReport(svc.store, limit)
      if (!files) return report
      const f = await checkFiles(svc.store)
      const violations = [...report.violations, ...f.violations].slice(0, limit)
      const byRule = f.violations.length ? { ...report.byRule, file_intact: f.violations.length } : report.byRule
      return { checked: report.checked + f.checked, total: report.total + f.violations.length, byRule, violations }
    },
    'archive.fix': async ({ rule }) => {
      if (rule && !RULE_NAMES.includes(rule)) throw new ApiError('invalid_input', 'fix.unknown', { rule }, { field: 'rule' })
      const changes = fixChanges(svc.store, rule)
      const res = changes.length ? await svc.apply('archive.fix', `按档案规则修复 ${changes.length} 处`, changes) : null
      return { fixed: res ? res.mutations.filter((m) => !BOOKKEEPING.has(m.coll)).length : 0, remaining: violations(svc.store).length }
    },

    'settings.get': async () => svc.store.settings,
    'settings.update': async ({ patch }) => {
      await svc.apply('settings.update', '修改设置', [{ op: 'settings', patch, at: 'patch' }])
      return svc.store.settings
    },

    'savedSearches.list': async () => [...svc.store.savedSearches.values()],
    'savedSearches.create': async ({ name, query }) => {
      const res = await svc.apply('savedSearches.create', `保存检索 ${name}`, [{ op: 'create', coll: 'savedSearches', value: { name, query } }])
      return res.get<SavedSearch>('savedSearches', res.ids[0]!)!
    },
    'savedSearches.delete': async ({ id }) => {
      const before = svc.store.savedSearches.get(id)
      if (!before) throw new ApiError('not_found', 'saved_search.not_found', { id })
      await svc.apply('savedSearches.delete', `删除检索 ${before.name}`, [{ op: 'delete', coll: 'savedSearches', id }])
      return { id }
    },

    'journal.list': async ({ recordId, limit, beforeSeq }) => {
      const out: ApiResults['journal.list'] = []
      for (let i = svc.store.headers.length - 1; i >= 0 && out.length < limit; i--) {
        const h = svc.store.headers[i]!
        if (beforeSeq !== undefined && h.seq >= beforeSeq) continue
        if (recordId && !h.ids.includes(recordId)) continue
        out.push({ seq: h.seq, at: h.at, who: h.who, method: h.method, ids: h.ids, summary: h.summary })
      }
      return out
    },

    'search.query': async (input) => {
      const t0 = performance.now()
      const res = await svc.search.query(input)
      const hits = res.hits.slice(input.offset).flatMap((h) => {
        const r = svc.store.records.get(h.id)
        return r ? [{ id: h.id, kind: r.kind, title: r.title, score: h.score, summary: svc.summary(r), highlights: h.highlights, ...(h.missing ? { missing: h.missing } : {}) }] : []
      })
      return { query: input.q, total: res.total, hits, countsByKind: res.countsByKind, tookMs: performance.now() - t0, warnings: res.warnings, suggestions: res.suggestions, understood: res.understood }
    },
    // Copies: the caller may keep or change what it gets without touching the engine's lines.
    'search.thesaurus': async () => ({ shipped: SHIPPED_THESAURUS.map((e) => ({ words: [...e.words], oneWay: e.oneWay })) }),
  }
}
