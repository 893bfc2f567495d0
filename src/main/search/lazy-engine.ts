// A search engine started by the first query. A CLI command that never searches (show,
// list, an import…) then neither starts the worker nor loads the saved index: on a large
// archive that load took a core and ~300 MB while the command only read one record.
// Nothing is lost by waiting: the real engine, once made, loads the saved index and
// applies the journal's tail (this process's own commits included), or builds from the
// store as it is then; so edits before the first query need not be forwarded.
import type { EngineQuery, EngineResult, SearchEngine } from './engine'

export class LazyEngine implements SearchEngine {
  private engine: SearchEngine | null = null
  private started: Promise<void> | null = null

  constructor(private readonly make: () => SearchEngine) {}

  get kind(): SearchEngine['kind'] {
    return this.engine?.kind
  }

  get source(): SearchEngine['source'] {
    return this.engine?.source
  }

  /** Nothing to do until a query comes (see the file's head). */
  async rebuild(): Promise<void> {}

  update(ids: string[]): void {
    this.engine?.update(ids)
  }

  async query(input: EngineQuery): Promise<EngineResult> {
    if (!this.engine) {
      this.engine = this.make()
      this.started = this.engine.rebuild()
    }
    await this.started
    return this.engine.query(input)
  }

  async persist(): Promise<void> {
    await this.engine?.persist?.()
  }

  async close(): Promise<void> {
    await this.engine?.close()
  }
}
