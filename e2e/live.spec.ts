import { test, expect } from './fixtures'
import { openLibrary } from './helpers'

interface Created { id: string; updatedAt: string }

test('shows changes made elsewhere as they are committed', async ({ app: { page, call } }) => {
  await openLibrary(page)
  const before = Number((await page.getByTestId('library-total').innerText()).replace(/\D/g, ''))

  // A record created in another window appears in the library.
  const r = await call<Created>('records.create', { record: { kind: 'report', title: '来自另一窗口的简报', reportType: '简报' } })
  await expect(page.getByTestId('library-total')).toHaveText(new RegExp(`${before + 1}`))
  await expect(page.locator(`[data-testid="library-row"][data-id="${r.id}"]`)).toBeVisible()

  // The open record follows an edit made elsewhere while it has no unsaved edits…
  await page.locator(`[data-testid="library-row"][data-id="${r.id}"]`).getByTestId('library-open').click()
  await expect(page.getByTestId('record-title')).toHaveText('来自另一窗口的简报')
  await call('records.update', { id: r.id, patch: { title: '另一窗口改过的简报' } })
  await expect(page.getByTestId('record-title')).toHaveText('另一窗口改过的简报')
  await expect(page.getByTestId('field-title')).toHaveValue('另一窗口改过的简报')

  // …and warns instead of overwriting when the user is editing the same fields.
  await page.getByTestId('field-title').fill('本窗口正在修改')
  await call('records.update', { id: r.id, patch: { title: '又一次外部修改' } })
  await expect(page.getByTestId('record-stale')).toBeVisible()
  await page.getByTestId('record-save').click()
  await expect(page.getByTestId('record-problem')).toBeVisible()
  await page.getByTestId('record-reload').click()
  await expect(page.getByTestId('field-title')).toHaveValue('又一次外部修改')
})
