import { test, expect } from './fixtures'

const BODY = [
  '2024年9月，阜康市永鑫焦化170吨/时干熄焦项目建成投产。',
  '干熄焦装置每年可发电1.7亿千瓦时，干熄焦替代湿法熄焦，年碳排放减少8.5万吨。',
  '援疆工作队协调山西专家驻场指导，干熄焦余热发电并网运行。',
].join('\n')

test('suggests 主题词 from the text of a new report; one is added beside the typed one and saved', async ({ app: { page, call } }) => {
  await page.getByTestId('new-record-button').click()
  await page.getByTestId('new-report').click()
  await page.getByTestId('field-title').fill('永鑫焦化干熄焦项目投产情况')
  await page.getByTestId('field-body').locator('xpath=descendant-or-self::textarea').fill(BODY)

  // A keyword typed by the user first: the suggestions never replace it.
  const select = page.getByTestId('field-keywords')
  await select.click()
  await page.keyboard.type('节能降碳')
  await page.keyboard.press('Enter')
  await page.keyboard.press('Escape')
  await expect(select).toContainText('节能降碳')

  await page.getByTestId('suggest-keywords').click()
  const chips = page.getByTestId('keyword-suggestion')
  await expect(chips.first()).toBeVisible()
  await expect(chips).not.toHaveCount(0)
  const offered = (await chips.allInnerTexts()).map((s) => s.replace(/^\+\s*/, '').trim())
  expect(offered).toContain('干熄焦')
  expect(offered).not.toContain('节能降碳')
  for (const w of offered) expect(w).not.toMatch(/^[\d.]+$|^(的|了|情况)$/)

  await chips.filter({ hasText: '干熄焦' }).click()
  await expect(select).toContainText('干熄焦')
  await expect(select).toContainText('节能降碳')
  await expect(chips.filter({ hasText: /^\+ 干熄焦$/ })).toHaveCount(0)

  await page.getByTestId('record-create').click()
  await expect(page.getByTestId('record-title')).toHaveText('永鑫焦化干熄焦项目投产情况')
  const id = decodeURIComponent(await page.evaluate('location.hash')).match(/#\/record\/([^/?]+)/)?.[1]
  expect(id).toBeTruthy()
  const saved = await call<{ record: { keywords: string[] } }>('records.get', { id })
  expect(saved.record.keywords).toEqual(['节能降碳', '干熄焦'])

  // 全部添加 adds the rest, after what is there.
  await page.getByTestId('suggest-keywords').click()
  await expect(chips.first()).toBeVisible()
  const rest = (await chips.allInnerTexts()).map((s) => s.replace(/^\+\s*/, '').trim())
  expect(rest).not.toContain('干熄焦')
  await page.getByTestId('keyword-add-all').click()
  await expect(chips).toHaveCount(0)
  await expect(page.getByTestId('keyword-none')).toBeVisible()
  for (const w of rest) await expect(select).toContainText(w)
})
