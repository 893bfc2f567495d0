// Search that says how it read the query (on the demo archive): synonyms, a batch the
// archive does not have, a batch read as a filter and taken back, partial matches; and
// the office's own thesaurus lines, added in 设置 and used by the search.
import { test, expect } from './fixtures'
import { search } from './helpers'

test('a synonym finds what the archive says in other words, and the page says which', async ({ app: { page } }) => {
  // The demo says 医生, never 大夫.
  await search(page, '大夫')
  await expect(page.getByTestId('search-understood')).toContainText('医生')
  await expect(page.getByTestId('search-hit').first()).toBeVisible()
})

test('a batch the archive does not have is searched as words, and the page says so', async ({ app: { page } }) => {
  // The demo has batches 3, 4 (samples) and 5: not a sixth.
  await search(page, '六批 煤层气')
  await expect(page.getByTestId('search-understood')).toContainText('档案中没有第6批')
  await expect(page.getByTestId('understood-chip')).toHaveCount(0)
  await expect(page.getByTestId('search-hit-title').filter({ hasText: '吉木萨尔县煤层气' }).first()).toBeVisible()
})

test('a batch read from the words is a chip; closing it quotes the words in the box', async ({ app: { page } }) => {
  await search(page, '第五批 煤层气')
  const chip = page.getByTestId('understood-chip')
  await expect(chip).toHaveCount(1)
  await expect(chip).toHaveAttribute('data-type', 'batch')
  await expect(chip).toHaveText('批次：第5批')
  await expect(page.getByTestId('search-hit').first()).toBeVisible()

  await chip.locator('.el-tag__close').click()
  await expect(page.getByTestId('search-input')).toHaveValue('"第五批" 煤层气')
  await expect(page.getByTestId('understood-chip')).toHaveCount(0)
  // The quoted words are a phrase now, shown with the typed filters.
  await expect(page.getByTestId('query-chip')).toHaveAttribute('data-field', 'phrase')
})

test('when no record has every word, records with some come under a notice naming the missing one', async ({ app: { page } }) => {
  await search(page, '干熄焦 外星人')
  await expect(page.getByTestId('partial-notice')).toContainText('外星人')
  await expect(page.getByTestId('partial-divider')).toBeVisible()
  const first = page.getByTestId('search-hit').first()
  await expect(first.getByTestId('search-hit-title')).toContainText('干熄焦')
  await expect(first.getByTestId('hit-missing')).toHaveText('缺少：外星人')
})

test('设置 → 检索词表: lines are checked, added, edited and deleted; the shipped ones are listed', async ({ app: { page, call } }) => {
  await page.getByTestId('nav-settings').click()
  const card = page.getByTestId('thesaurus-card')
  await expect(card).toContainText('检索词表')
  await expect(card.getByTestId('thesaurus-empty')).toBeVisible()

  // One word is no line: said under the box, nothing saved.
  await card.getByTestId('thesaurus-words').fill('焦炭')
  await card.getByTestId('thesaurus-add').click()
  await expect(card.locator('.el-form-item__error')).toHaveText('至少填写两个不同的词')
  await expect(card.getByTestId('thesaurus-line')).toHaveCount(0)

  await card.getByTestId('thesaurus-words').fill('焦炭、干熄焦')
  await card.getByTestId('thesaurus-add').click()
  await expect(card.getByTestId('thesaurus-line')).toHaveCount(1)
  await expect(card.getByTestId('thesaurus-line-words')).toHaveText(/焦炭\s*·\s*干熄焦/)
  await expect(card.getByTestId('thesaurus-words')).toHaveValue('')
  expect((await call<{ thesaurus: unknown[] }>('settings.get')).thesaurus).toEqual([{ words: ['焦炭', '干熄焦'], oneWay: false }])

  // The same line again is refused before it is sent.
  await card.getByTestId('thesaurus-words').fill('干熄焦 焦炭')
  await card.getByTestId('thesaurus-add').click()
  await expect(card.locator('.el-form-item__error')).toHaveText('词表中已有这一行')

  // Edited into a short form (one way): the first word points at the rest.
  await card.getByTestId('thesaurus-edit').click()
  await card.getByTestId('thesaurus-edit-words').fill('焦 焦炭 焦化')
  await card.getByTestId('thesaurus-line').locator('.el-switch').click()
  await card.getByTestId('thesaurus-edit-save').click()
  await expect(card.getByTestId('thesaurus-line-words')).toContainText('简称')
  await expect(card.getByTestId('thesaurus-line-words')).toHaveText(/焦\s*→\s*焦炭\s*·\s*焦化/)
  expect((await call<{ thesaurus: unknown[] }>('settings.get')).thesaurus).toEqual([{ words: ['焦', '焦炭', '焦化'], oneWay: true }])

  await card.getByTestId('thesaurus-remove').click()
  await expect(card.getByTestId('thesaurus-line')).toHaveCount(0)
  expect((await call<{ thesaurus: unknown[] }>('settings.get')).thesaurus).toEqual([])

  // The shipped lines, behind a fold, with a filter; each can be switched off, not edited.
  await card.getByTestId('thesaurus-shipped').getByRole('button').first().click()
  const shipped = card.getByTestId('thesaurus-shipped-line')
  await expect(shipped.first()).toBeVisible()
  expect(await shipped.count()).toBeGreaterThan(10)
  await card.getByTestId('thesaurus-filter').fill('前指')
  await expect(shipped).toHaveCount(1)
  await expect(shipped).toHaveText(/前指\s*→\s*前方指挥部/)
  await card.getByTestId('thesaurus-filter').fill('外星人')
  await expect(shipped).toHaveCount(0)
  await expect(card).toContainText('没有包含“外星人”的词条')
})

test('a line added in 设置 → 检索词表 is used by the search', async ({ app: { page } }) => {
  await page.getByTestId('nav-settings').click()
  const card = page.getByTestId('thesaurus-card')
  await card.getByTestId('thesaurus-words').fill('焦炭 干熄焦')
  await card.getByTestId('thesaurus-add').click()
  await expect(card.getByTestId('thesaurus-line')).toHaveCount(1)

  await search(page, '焦炭')
  await expect(page.getByTestId('search-hit-title').filter({ hasText: '干熄焦' }).first()).toBeVisible()
  await expect(page.getByTestId('search-understood')).toContainText('干熄焦')
})

test('a shipped line switched off in 设置 → 检索词表 is no longer used', async ({ app: { page, call } }) => {
  await search(page, '大夫')
  await expect(page.getByTestId('search-understood')).toContainText('医生')

  await page.getByTestId('nav-settings').click()
  const card = page.getByTestId('thesaurus-card')
  await card.getByTestId('thesaurus-shipped').getByRole('button').first().click()
  await card.getByTestId('thesaurus-filter').fill('大夫')
  const line = card.getByTestId('thesaurus-shipped-line')
  await expect(line).toHaveCount(1)
  await line.getByTestId('thesaurus-shipped-use').click()
  await expect.poll(async () => (await call<{ thesaurusOff: string[] }>('settings.get')).thesaurusOff).toEqual(['医生 大夫 医师 医务人员'])

  // 大夫 now finds only what says 大夫: nothing in the demo, and no synonym notice.
  await search(page, '大夫')
  await expect(page.getByTestId('search-missing')).toContainText('大夫')
  await expect(page.getByTestId('search-understood')).toHaveCount(0)
  await expect(page.getByTestId('search-hit')).toHaveCount(0)

  await page.getByTestId('nav-settings').click()
  await card.getByTestId('thesaurus-shipped').getByRole('button').first().click()
  await card.getByTestId('thesaurus-filter').fill('大夫')
  await line.getByTestId('thesaurus-shipped-use').click()
  await expect.poll(async () => (await call<{ thesaurusOff: string[] }>('settings.get')).thesaurusOff).toEqual([])
})

test('warnings about the query speak the UI’s language', async ({ app: { page, call } }) => {
  await search(page, 'foo:阜康 area:航天 义诊')
  const warnings = page.getByTestId('search-warning')
  await expect(warnings.filter({ hasText: '未知的检索字段“foo:”' })).toHaveCount(1)
  await expect(warnings.filter({ hasText: '没有名称含“航天”的领域' })).toHaveCount(1)

  await call('settings.update', { patch: { locale: 'en' } })
  await page.reload()
  await search(page, 'foo:阜康 area:航天 义诊')
  await expect(warnings.filter({ hasText: 'Unknown search field “foo:”' })).toHaveCount(1)
  await expect(warnings.filter({ hasText: 'no area named like “航天”' })).toHaveCount(1)
  await expect(warnings.filter({ hasText: '未知' })).toHaveCount(0)
})
