// The sandboxed preload: exposes only window.aidArchive (PreloadApi) through contextBridge.
// Built to ONE CommonJS file (out/preload/index.cjs) that requires nothing but electron,
// so it imports only types from the contract: the channel names are checked against it
// by the compiler (typeof IPC_CHANNEL is the literal) and by the built-output test.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron'
import type { ArchiveEvent, IPC_CHANNEL, IPC_EVENT_CHANNEL, IPC_FILE_CHANNEL, IPC_STATUS_CHANNEL, PreloadApi } from '../shared/api'
import type { EXPORT_SAVE_CHANNEL, EXPORT_SHOW_CHANNEL } from '../shared/contract/export'

const CALL: typeof IPC_CHANNEL = 'aid-archive:call'
const EVENT: typeof IPC_EVENT_CHANNEL = 'aid-archive:event'
const FILE: typeof IPC_FILE_CHANNEL = 'aid-archive:file'
const STATUS: typeof IPC_STATUS_CHANNEL = 'aid-archive:status'
const EXPORT_SAVE: typeof EXPORT_SAVE_CHANNEL = 'aid-archive:export-save'
const EXPORT_SHOW: typeof EXPORT_SHOW_CHANNEL = 'aid-archive:export-show'

const api: PreloadApi = {
  invoke(method, input) {
    if (typeof method !== 'string') return Promise.reject(new TypeError('method must be a string'))
    return ipcRenderer.invoke(CALL, method, input)
  },
  status() {
    return ipcRenderer.invoke(STATUS)
  },
  onEvent(listener) {
    if (typeof listener !== 'function') throw new TypeError('listener must be a function')
    // The renderer never sees the IpcRendererEvent (it would expose ipcRenderer's sender).
    const wrapped = (_event: IpcRendererEvent, payload: ArchiveEvent): void => listener(payload)
    ipcRenderer.on(EVENT, wrapped)
    return () => {
      ipcRenderer.removeListener(EVENT, wrapped)
    }
  },
  file(action, recordId, sha256) {
    return ipcRenderer.invoke(FILE, String(action), String(recordId), String(sha256))
  },
  // 另存为 and 在文件夹中显示: the main process chooses the path (src/main/electron/export-files.ts).
  exportFiles: {
    save: (request) => ipcRenderer.invoke(EXPORT_SAVE, request),
    show: (token) => ipcRenderer.invoke(EXPORT_SHOW, { token }),
  },
}

contextBridge.exposeInMainWorld('aidArchive', api)
