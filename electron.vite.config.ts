import { resolve } from 'node:path'
import { defineConfig } from 'electron-vite'
import vue from '@vitejs/plugin-vue'

// The main-side entries share one build: the Electron main process, the CLI (which also
// hosts the browser server) and the workers (search, export rendering, parsing of intake files, reading transfer packages).
export default defineConfig({
  main: {
    resolve: { alias: { '@shared': resolve('src/shared') } },
    build: {
      rollupOptions: {
        input: {
          index: resolve('src/main/index.ts'),
          cli: resolve('src/main/cli/index.ts'),
          searchWorker: resolve('src/main/search/worker.ts'),
          exportWorker: resolve('src/main/areas/export/worker.ts'),
          intakeWorker: resolve('src/main/areas/intake/parse-worker.ts'),
          exchangeWorker: resolve('src/main/areas/exchange/container-worker.ts'),
        },
      },
    },
  },
  preload: {
    resolve: { alias: { '@shared': resolve('src/shared') } },
    build: {
      // A sandboxed preload must be one CommonJS file that requires only electron.
      rollupOptions: { output: { format: 'cjs', entryFileNames: '[name].cjs' } },
    },
  },
  renderer: {
    root: resolve('src/renderer'),
    resolve: {
      alias: { '@shared': resolve('src/shared'), '@renderer': resolve('src/renderer/src') },
    },
    plugins: [vue()],
    build: { rollupOptions: { input: { index: resolve('src/renderer/index.html') } } },
  },
})
