// Steps the specs share, written against data-testid attributes only.
import { expect, type Page } from '@playwright/test'

/** Types into the top-bar search box (as a person would) and waits for results. */
export async function search(page: Page, q: string): Promise<void> {
  const box = page.getByTestId('search-input')
  await box.click()
  await box.fill('')
  await box.pressSequentially(q, { delay: 30 })
  await expect(page.getByTestId('search-view')).toBeVisible()
}

/** Searches and opens the first hit; returns its title. */
export async function openFirstHit(page: Page, q: string): Promise<string> {
  await search(page, q)
  const hit = page.getByTestId('search-hit').first()
  await expect(hit).toBeVisible()
  const title = (await hit.getByTestId('search-hit-title').innerText()).trim()
  await hit.click()
  await expect(page.getByTestId('record-title')).toHaveText(title)
  return title
}

/** The library, waiting until its first rows are there. */
export async function openLibrary(page: Page): Promise<void> {
  await page.getByTestId('nav-library').click()
  await expect(page.getByTestId('library-row').first()).toBeVisible()
}

/** Saves the open record and waits for the save to land (button disabled again). */
export async function saveRecord(page: Page): Promise<void> {
  await page.getByTestId('record-save').click()
  await expect(page.getByTestId('record-dirty')).toBeHidden()
}

/** Opens the first record of a kind from the library (filtered through the route). */
export async function openFirstOfKind(page: Page, kind: 'batch' | 'report' | 'achievement' | 'photo'): Promise<string> {
  await page.evaluate(`location.hash = '#/library?kind=${kind}'`)
  const link = page.getByTestId('library-row').first().getByTestId('library-open')
  await expect(link).toBeVisible()
  const title = (await link.innerText()).trim()
  await link.click()
  await expect(page.getByTestId('record-title')).toHaveText(title)
  return title
}
