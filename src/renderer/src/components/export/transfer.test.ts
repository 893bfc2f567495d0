import { describe, expect, it } from 'vitest'
import { reactive } from 'vue'
import type { ExportFilesApi, ExportRequest } from '@shared/contract/export'
import { ApiError } from '@shared/errors'
import { saveAs, showInFolder } from './transfer'

describe('saving through the Electron host', () => {
  it('sends the request as plain data and hands back where it went', async () => {
    const sent: unknown[] = []
    const files: ExportFilesApi = {
      save: async (r) => (sent.push(r), { ok: true, result: { saved: true, token: 't', path: '/docs/目录.csv', fileName: '目录.csv', size: 3 } }),
      show: async () => ({ ok: true, result: { shown: true } }),
    }
    const request = reactive<ExportRequest>({ format: 'csv', scope: { batchId: 'bat_5' } })
    expect(await saveAs(files, request)).toMatchObject({ saved: true, path: '/docs/目录.csv' })
    // Not Vue's proxy (which IPC's structured clone refuses): a plain copy.
    expect(sent[0]).toEqual({ format: 'csv', scope: { batchId: 'bat_5' } })
    expect(sent[0]).not.toBe(request)
  })

  it('turns a refused save or show into the typed error the views word', async () => {
    const files: ExportFilesApi = {
      save: async () => ({ ok: false, error: { code: 'io_error', reason: 'io.failed', message: 'x', params: { file: 'a.csv', detail: 'EACCES' } } }),
      show: async () => ({ ok: false, error: { code: 'not_found', reason: 'file.not_found', message: 'x', params: {} } }),
    }
    await expect(saveAs(files, { format: 'csv' })).rejects.toBeInstanceOf(ApiError)
    await expect(showInFolder(files, 't')).rejects.toMatchObject({ code: 'not_found', reason: 'file.not_found' })
  })
})
