/// <reference types="vite/client" />
// window.aidArchive (Electron only) is declared by src/preload/api.d.ts.

declare module '*.vue' {
  import type { DefineComponent } from 'vue'
  const component: DefineComponent<object, object, unknown>
  export default component
}
