// Who made a version of a conflict, as the user says it: 本机 when the version is this
// archive's own (the version shown now may well be the other side's, so the one set aside can
// be ours), else the archive's name as its packages gave it.
import { useI18n } from 'vue-i18n'
import type { ConflictVersion } from '@shared/contract/exchange'
import { exchangeInfo } from './exchange-state'

export function useSourceName(): (v: ConflictVersion) => string {
  const { t } = useI18n()
  return (v) =>
    exchangeInfo.value && v.from === exchangeInfo.value.archiveId ? t('exchange.conflicts.thisWorkstation') : v.fromName || t('exchange.conflicts.unknownSource')
}
