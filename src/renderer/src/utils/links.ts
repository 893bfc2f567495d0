// Link types in the order they are listed, and the type a new link suggests.
import type { LinkType, RecordKind } from '@shared/domain'

export const LINK_ORDER: LinkType[] = ['evidence', 'continues', 'cites', 'related']

/** Photos usually document (佐证) something; batches continue earlier batches. */
export function defaultLinkType(kind: RecordKind): LinkType {
  return kind === 'photo' ? 'evidence' : kind === 'batch' ? 'continues' : 'related'
}
