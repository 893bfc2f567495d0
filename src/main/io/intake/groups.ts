// Photo groups (组): one event's photos under one 题名 and 总说明; 照片号 runs in sequence
// inside the group.
import type { ArchiveService } from '../../core/service'

/** The next 照片号 in a group: one past the highest number already used there. */
export function nextPhotoNo(svc: ArchiveService, groupId: string): number {
  let max = 0
  for (const r of svc.store.records.values()) {
    if (r.kind !== 'photo' || r.groupId !== groupId) continue
    const n = Number.parseInt(r.photoNo, 10)
    if (Number.isInteger(n) && n > max) max = n
  }
  return max + 1
}
