// The archive folder's own file names, shared by the store, its backups and restore.
export const ARCHIVE_FILE = 'archive.json'
export const JOURNAL_FILE = 'journal.jsonl'
export const REPLICA_FILE = 'replica.json'
/** Derived caches (open cache, long texts, search index): deletable at any time. */
export const CACHE_DIR = 'cache'
