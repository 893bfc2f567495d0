// What the preload puts on window in Electron; absent in the browser host.
import type { PreloadApi } from '../shared/api'

declare global {
  interface Window {
    aidArchive?: PreloadApi
  }
}

export {}
