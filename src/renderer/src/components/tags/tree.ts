// Builds the tag tree from flat paths (产业/煤化工 → 产业 › 煤化工). A level that is
// not itself a tag still appears, so the hierarchy reads as typed.
import type { TagWithCount } from '@shared/api'
import { collator } from '@renderer/utils/format'

export interface TagNode {
  key: string
  label: string
  tag: TagWithCount | null
  /** Records tagged with this tag or any tag below it (a record may count twice). */
  total: number
  children: TagNode[]
}

export function buildTagTree(tags: TagWithCount[]): TagNode[] {
  const root: TagNode = { key: '', label: '', tag: null, total: 0, children: [] }
  const index = new Map<string, TagNode>([['', root]])
  for (const tag of tags) {
    let parent = root
    let key = ''
    for (const part of tag.path.split('/')) {
      key = key ? `${key}/${part}` : part
      let node = index.get(key)
      if (!node) {
        node = { key, label: part, tag: null, total: 0, children: [] }
        index.set(key, node)
        parent.children.push(node)
      }
      parent = node
    }
    parent.tag = tag
  }
  const finish = (n: TagNode): number => {
    n.children.sort((a, b) => collator.compare(a.label, b.label))
    n.total = (n.tag?.count ?? 0) + n.children.reduce((s, c) => s + finish(c), 0)
    return n.total
  }
  finish(root)
  return root.children
}
