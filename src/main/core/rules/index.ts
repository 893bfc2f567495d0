// Every rule, in the order a refusal reports them (the most basic first).
import { batchNumberUnique } from './batch-number-unique'
import { batchRef } from './batch-ref'
import { groupRef } from './group-ref'
import { linkEndsExist } from './link-ends-exist'
import { linkNotSelf } from './link-not-self'
import { linkUnique } from './link-unique'
import { periodOrder } from './period-order'
import { photoNoUnique } from './photo-no-unique'
import { recordSchema } from './record-schema'
import { refCodeUnique } from './ref-code-unique'
import { refNoDerived } from './ref-no-derived'
import { tagExists } from './tag-exists'
import { tagPathUnique } from './tag-path-unique'
import type { Rule } from './types'

export const RULES: readonly Rule[] = [
  recordSchema,
  periodOrder,
  batchRef,
  groupRef,
  tagExists,
  tagPathUnique,
  linkEndsExist,
  linkNotSelf,
  linkUnique,
  batchNumberUnique,
  refCodeUnique,
  photoNoUnique,
  refNoDerived,
]

export const RULE_NAMES = RULES.map((r) => r.name)
export type { Rule, Violation, Scope, Delta } from './types'
