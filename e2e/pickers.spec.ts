// The pickers match as the search box does: initials, pinyin, a typo (src/renderer/src/utils/fuzzy.ts).
import { test, expect } from './fixtures'
import { openLibrary, saveRecord } from './helpers'
import type { Page } from '@playwright/test'

/** The options of the one open dropdown, in the order shown. */
const shownOptions = (page: Page) => page.locator('.el-select-dropdown:visible').getByRole('option')

test('a record’s tag and place pickers find 煤化工 by mhg and 阜康市 by fk', async ({ app: { page } }) => {
  await page.evaluate(`location.hash = '#/record/ach_jimsar_cbm'`)
  await expect(page.getByTestId('record-title')).toHaveText(/煤层气/)

  await page.getByTestId('tag-add').click()
  await page.keyboard.type('mhg', { delay: 30 })
  // Only the match is offered: no "create tag mhg" line above it, so Enter takes 煤化工.
  await expect(shownOptions(page)).toHaveText(['产业/煤化工'])
  await page.keyboard.press('Enter')
  await expect(page.locator('[data-testid="record-tag"][data-path="产业/煤化工"]')).toBeVisible()
  await expect(page.locator('[data-testid="record-tag"][data-path="mhg"]')).toHaveCount(0)

  const places = page.getByTestId('field-places')
  await places.click()
  await page.keyboard.type('fk', { delay: 30 })
  await expect(shownOptions(page).first()).toHaveText('阜康市')
  await page.keyboard.press('Enter')
  await page.keyboard.press('Escape')
  await expect(places).toContainText('阜康市')
  await expect(places).toContainText('吉木萨尔县')
})

test('the library’s tag and batch filters find by initials, and nonsense finds nothing', async ({ app: { page } }) => {
  await openLibrary(page)

  await page.getByTestId('filter-tag').click()
  await page.keyboard.type('xqzwv', { delay: 30 })
  await expect(shownOptions(page)).toHaveCount(0)
  await page.keyboard.press('Escape')

  await page.getByTestId('filter-tag').click()
  await page.keyboard.type('fk', { delay: 30 })
  const option = shownOptions(page).first()
  await expect(option).toContainText('地点/阜康市')
  // The option shows the tag's record count beside its path.
  const count = (await option.locator('.n').innerText()).trim()
  await option.click()
  await expect(page).toHaveURL(/tag=/)
  await expect(page.getByTestId('library-total')).toContainText(count)
  // Closed again, the filter shows the chosen tag's path, not its id.
  await expect(page.getByTestId('filter-tag')).toContainText('地点/阜康市')

  await page.getByTestId('filter-batch').click()
  await page.keyboard.type('dwp', { delay: 30 })
  await expect(shownOptions(page)).toHaveText(['第五批山西援疆工作队'])
  await shownOptions(page).first().click()
  await expect(page).toHaveURL(/batch=bat_shanxi5/)
  await expect(page.getByTestId('filter-batch')).toContainText('第五批山西援疆工作队')
})

test('the organisation, people and 责任者 pickers offer the names other records hold', async ({ app: { page, call } }) => {
  // 阜康市人民医院 is named by another achievement only; fkrm leaves 市 out.
  await page.evaluate(`location.hash = '#/record/ach_jimsar_cbm'`)
  await expect(page.getByTestId('record-title')).toHaveText(/煤层气/)
  const orgs = page.getByTestId('field-organisations')
  await orgs.click()
  await page.keyboard.type('fkrm', { delay: 30 })
  await expect(shownOptions(page)).toHaveText(['阜康市人民医院'])
  await page.keyboard.press('Enter')
  await page.keyboard.press('Escape')
  await expect(orgs).toContainText('阜康市人民医院')
  await expect(orgs).toContainText('山西蓝焰控股')
  await saveRecord(page)
  const ach = await call<{ record: { organisations: string[] } }>('records.get', { id: 'ach_jimsar_cbm' })
  expect(ach.record.organisations).toEqual(['山西蓝焰控股', '阜康市人民医院'])

  // In a report: 杨向茹 (from an achievement, with her role) by her initials.
  await page.evaluate(`location.hash = '#/record/rep_seed_article'`)
  await expect(page.getByTestId('record-title')).toHaveText(/太行连天山/)
  const people = page.getByTestId('field-people')
  await people.click()
  await page.keyboard.type('yxr', { delay: 30 })
  const yang = '杨向茹（山西省援疆医生，阜康市人民医院耳鼻喉科主任）'
  await expect(shownOptions(page)).toHaveText([yang])
  await page.keyboard.press('Enter')
  await page.keyboard.press('Escape')
  await expect(people).toContainText(yang)
  await expect(people).toContainText('左晓雨（本报记者）')

  // 责任者 stays a text box that suggests the 责任者 already used.
  const responsible = page.getByTestId('field-responsible')
  await responsible.fill('')
  await responsible.pressSequentially('zxy', { delay: 30 })
  await page.locator('.el-autocomplete-suggestion:visible li', { hasText: '左晓雨' }).click()
  await expect(responsible).toHaveValue('左晓雨')
  await saveRecord(page)
  const rep = await call<{ record: { people: string[]; responsible: string } }>('records.get', { id: 'rep_seed_article' })
  expect(rep.record.people).toEqual(['左晓雨（本报记者）', yang])
  expect(rep.record.responsible).toBe('左晓雨')
})
