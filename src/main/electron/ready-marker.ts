/** Printed on stdout by the Electron main once the app is ready; scripts/start.mjs waits for it. */
export const READY_MARKER = 'Aid Archive (Electron) ready'
