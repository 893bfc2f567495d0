// The archive folder's own file names, shared by the store, its backups and restore.
export const ARCHIVE_FILE = 'archive.json'
export const JOURNAL_FILE = 'journal.jsonl'
export const REPLICA_FILE = 'replica.json'
