// Electron entry, built to out/main/index.js. Kept thin: the host lives in ./electron/.
// import.meta.url is passed in because paths (preload, renderer) are computed from this
// built file's location; an ESM main process has no __dirname.
import { runElectronApp } from './electron/app'

runElectronApp({ mainFileUrl: import.meta.url })
