// npm run screenshots: the README's and the user guide's pictures, taken from the real app.
// The built app's browser host (e2e/host.ts) on a temporary archive with the demo loaded,
// Debian's Chromium (CHROMIUM_PATH to use another) at 1440×900 in zh-CN; writes
// docs/screenshots/<name>.png. Builds first when out/ is missing.
//   npm run screenshots [-- name…]   (only the named shots, e.g. library search)
// Not part of npm test: a picture is judged by looking at it, not by an assertion.
import { spawnSync } from 'node:child_process'
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium, expect as baseExpect, type Page } from '@playwright/test'
import sharp from 'sharp'
import { apiCall, chromiumPath, CHROMIUM_ARGS, removeArchive, ROOT, startServer, stopServer, tempArchive, type Server } from '../e2e/host'

const OUT = join(ROOT, 'docs', 'screenshots')
const VIEWPORT = { width: 1440, height: 900 }
/** The demo's 综述, filed before the first shot. */
const FILED_REPORT = 'rep_seed_article'
// The machine may be busy: a view gets time to come up.
const expect = baseExpect.configure({ timeout: 20_000 })

interface Ctx {
  page: Page
  server: Server
  /** The archive folder. */
  dir: string
  call<T = unknown>(method: string, input?: unknown): Promise<T>
}
interface Shot {
  name: string
  /** What the picture shows (printed as it is taken). */
  what: string
  take(ctx: Ctx): Promise<void>
}

/** Navigates by the hash router, as the app's own links do. */
async function go(page: Page, hash: string): Promise<void> {
  await page.evaluate(`location.hash = ${JSON.stringify(hash)}`)
}

/** Toasts gone, pointer out of the way, fonts and images loaded: the page as a person sees it at rest. */
async function settle(page: Page): Promise<void> {
  await expect(page.locator('.el-message')).toHaveCount(0, { timeout: 10_000 })
  await page.mouse.move(VIEWPORT.width - 2, VIEWPORT.height - 2)
  await page.evaluate(`(async () => {
    await document.fonts.ready
    await Promise.all([...document.images].filter((i) => !i.complete).map((i) => new Promise((r) => { i.onload = r; i.onerror = r })))
  })()`)
  await page.waitForTimeout(400)
}

async function snap(page: Page, name: string): Promise<void> {
  await settle(page)
  await page.screenshot({ path: join(OUT, `${name}.png`) })
}

const SHOTS: Shot[] = [
  {
    name: 'library',
    what: '资料库：报告、成果、照片按日期排列，已归档的报告带档号',
    async take({ page }) {
      await go(page, '#/library?sort=date')
      await expect(page.getByTestId('library-row').nth(8)).toBeVisible()
      await snap(page, 'library')
    },
  },
  {
    name: 'record',
    what: '成果记录：指标、跨批次延续链、佐证与关系图',
    async take({ page }) {
      await go(page, '#/record/ach_jimsar_cbm')
      await expect(page.getByTestId('record-links')).toBeVisible()
      await expect(page.getByTestId('graph-panel')).toBeVisible()
      await snap(page, 'record')
    },
  },
  {
    name: 'search',
    what: '拼音检索：fukang 找到“阜康”',
    async take({ page }) {
      await typeSearch(page, 'fukang')
      await expect(page.getByTestId('search-hit').nth(3)).toBeVisible()
      await snap(page, 'search')
    },
  },
  {
    name: 'photos',
    what: '照片档案：按组浏览，缩略图下是说明',
    async take({ page }) {
      await go(page, '#/photos')
      await expect(page.getByTestId('photo-tile').first()).toBeVisible()
      await snap(page, 'photos')
    },
  },
  {
    name: 'dashboard',
    what: '总览：各领域成果、批次、时间线',
    async take({ page }) {
      await go(page, '#/dashboard')
      await page.waitForTimeout(1500)
      await snap(page, 'dashboard')
    },
  },
  {
    name: 'export',
    what: '导出：归档文件目录与成果汇编',
    async take({ page }) {
      await go(page, '#/export')
      await expect(page.getByTestId('export-view')).toBeVisible()
      await snap(page, 'export')
    },
  },
  // The user guide's pictures (docs/使用说明.md).
  {
    name: 'guide-import',
    what: '导入：选中一个文件夹里的照片（带同名说明 .txt）和文书',
    async take({ page }) {
      const folder = await dayFolder()
      await go(page, '#/photos')
      await page.getByTestId('import-open').click()
      await expect(page.getByTestId('import-dialog')).toBeVisible()
      await page.getByTestId('import-input').setInputFiles(folder.files)
      await expect(page.getByTestId('import-selected')).toBeVisible()
      await page.getByTestId('import-group-title').locator('xpath=descendant-or-self::input').fill('2025年6月 吉木萨尔县煤层气区块调研')
      await snap(page, 'guide-import')
      await page.getByTestId('import-start').click()
      await expect(page.getByTestId('import-summary')).toBeVisible({ timeout: 60_000 })
      await snap(page, 'guide-import-done')
      await page.keyboard.press('Escape')
      rmSync(folder.dir, { recursive: true, force: true })
    },
  },
  {
    name: 'guide-caption',
    what: '照片查看器：粘贴一段说明，识别并填入六要素',
    async take({ page }) {
      await go(page, '#/photos')
      await page.getByTestId('photo-tile').first().dblclick()
      await expect(page.getByTestId('photo-viewer')).toBeVisible()
      await page.getByTestId('viewer-paste').locator('xpath=descendant-or-self::textarea').fill(
        '2024年6月23日，山西省第五批援疆工作队在准东经济技术开发区新疆国泰新华化工煤基BDO生产线调研。左起：工作队队员、企业负责人。背景为BDO生产装置。摄影：李明',
      )
      await snap(page, 'guide-caption')
    },
  },
  {
    name: 'guide-link',
    what: '添加关联：从成果页找到另一批次的成果，选“延续”',
    async take({ page }) {
      await go(page, '#/record/ach_chj2_team')
      await page.getByTestId('link-add').click()
      await expect(page.getByTestId('link-picker')).toBeVisible()
      await page.getByTestId('link-search').locator('xpath=descendant-or-self::input').pressSequentially('gaokao', { delay: 30 })
      await expect(page.getByTestId('link-result').first()).toBeVisible()
      await snap(page, 'guide-link')
    },
  },
  {
    name: 'guide-file',
    what: '归档：确认年度，得到档号',
    async take({ page, call }) {
      const { id } = await call<{ id: string }>('records.create', {
        record: {
          kind: 'report',
          title: '关于2025年上半年产业援疆项目推进情况的报告',
          reportType: '报告',
          batchId: 'bat_shanxi5',
          docNumber: '晋援疆前指〔2025〕12号',
          responsible: '山西省第五批援疆工作队前方指挥部',
          date: '2025-07-10',
          pages: 6,
        },
      })
      await go(page, `#/record/${id}`)
      await page.getByTestId('record-file').click()
      await expect(page.getByTestId('file-confirm')).toBeVisible()
      await snap(page, 'guide-file')
      await page.getByTestId('file-confirm').click()
      await expect(page.getByTestId('record-refcode')).toBeVisible()
    },
  },
  {
    name: 'guide-search',
    what: '检索式：简拼 yl 加筛选条件 type:achievement year:2025',
    async take({ page }) {
      await typeSearch(page, 'yl type:achievement year:2025')
      await expect(page.getByTestId('search-hit').first()).toBeVisible()
      await snap(page, 'guide-search')
    },
  },
  {
    name: 'guide-search-natural',
    what: '像说话一样检索：“山西医生在医院做了什么”，同义词、忽略的虚词和只含部分词语的结果都有说明',
    async take({ page }) {
      await typeSearch(page, '山西大夫在医院做了什么')
      await expect(page.getByTestId('search-understood')).toBeVisible()
      await expect(page.getByTestId('search-hit').first()).toBeVisible()
      await snap(page, 'guide-search-natural')
    },
  },
  {
    name: 'guide-thesaurus',
    what: '设置 → 检索词表：本单位的同义词和简称',
    async take({ page }) {
      await go(page, '#/settings')
      const card = page.getByTestId('thesaurus-card')
      await card.getByTestId('thesaurus-words').locator('xpath=descendant-or-self::input').fill('焦炭 焦煤 冶金焦')
      await card.getByTestId('thesaurus-add').click()
      await expect(card.getByTestId('thesaurus-line')).toHaveCount(1)
      await card.getByTestId('thesaurus-shipped').getByRole('button').first().click()
      await card.getByTestId('thesaurus-filter').locator('xpath=descendant-or-self::input').fill('医')
      await page.waitForTimeout(400)
      await card.evaluate((el) => el.scrollIntoView({ block: 'start' }))
      await page.waitForTimeout(200)
      await snap(page, 'guide-thesaurus')
    },
  },
  {
    name: 'guide-catalogue',
    what: '导出归档文件目录（Excel）的预览',
    async take({ page }) {
      await go(page, '#/export')
      await page.getByTestId('export-format-xlsx').click()
      await page.waitForTimeout(800)
      await snap(page, 'guide-catalogue')
    },
  },
  {
    name: 'guide-settings',
    what: '设置：全宗号、单位、照片号格式、档案所在文件夹',
    async take({ page }) {
      await go(page, '#/settings')
      await expect(page.getByTestId('settings-view')).toBeVisible()
      await snap(page, 'guide-settings')
    },
  },
  {
    name: 'opening',
    what: '打开大型档案时的进度：阶段、进度条、已用时间',
    async take({ page }) {
      // Its own host on an empty archive, its open slowed by the test-only hook: a real
      // archive this small opens before the screen could be seen.
      const dir = await tempArchive()
      const server = await startServer(dir, { AID_ARCHIVE_TEST_SLOW_OPEN_MS: '20000' })
      const context = await page.context().browser()!.newContext({ viewport: VIEWPORT, locale: 'zh-CN', deviceScaleFactor: 1 })
      try {
        const p = await context.newPage()
        await p.goto(server.url)
        await expect(p.getByTestId('open-progress')).toBeVisible()
        await expect.poll(async () => Number(await p.getByRole('progressbar').getAttribute('aria-valuenow'))).toBeGreaterThanOrEqual(40)
        await p.screenshot({ path: join(OUT, 'opening.png') })
      } finally {
        await context.close()
        await stopServer(server)
        await removeArchive(dir)
      }
    },
  },
  // Last: these two change the archive (a package from another workstation is applied).
  {
    name: 'exchange',
    what: '交换：打开后方办公室的交换包，预览新增、更新和冲突',
    async take(ctx) {
      const { page } = ctx
      const pkg = await packageFromElsewhere(ctx)
      await go(page, '#/exchange')
      await page.getByTestId('exchange-unpack-input').setInputFiles(pkg.file)
      await expect(page.getByTestId('exchange-preview')).toBeVisible()
      await snap(page, 'exchange')
      await page.getByTestId('exchange-cancel').click()
      pkg.remove()
    },
  },
  {
    name: 'conflicts',
    what: '冲突：两处都改过的成果，逐个字段对照，选用对方的题名',
    async take(ctx) {
      const { page } = ctx
      const pkg = await packageFromElsewhere(ctx)
      await go(page, '#/exchange')
      await page.getByTestId('exchange-unpack-input').setInputFiles(pkg.file)
      await page.getByTestId('exchange-apply').click()
      await page.getByTestId('exchange-go-conflicts').click()
      await expect(page.getByTestId('conflict-detail')).toBeVisible()
      await page.locator('[data-testid="conflict-row"][data-field="title"]').getByTestId('conflict-pick-other').check()
      await snap(page, 'conflicts')
      pkg.remove()
    },
  },
]

/** The achievement both workstations edit for the exchange pictures. */
const EXCHANGED = 'ach_jimsar_cbm'

/**
 * A package as 后方办公室 would send it: a copy of this archive (snapshot, journal, files; no
 * lock) served by a second host, the same achievement edited there and here, then packed.
 */
async function packageFromElsewhere({ dir, call }: Ctx): Promise<{ file: string; remove(): void }> {
  await call('archive.info', {})
  const other = await tempArchive()
  for (const name of ['archive.json', 'journal.jsonl', 'files']) if (existsSync(join(dir, name))) cpSync(join(dir, name), join(other, name), { recursive: true })
  const server = await startServer(other)
  try {
    const here = await call<{ record: { title: string } }>('records.get', { id: EXCHANGED })
    await call('records.update', { id: EXCHANGED, patch: { summary: '前方补充了2025年上半年的产量数据。', status: 'in_progress' } })
    await apiCall(server, 'records.update', {
      id: EXCHANGED,
      patch: { title: `${here.record.title}（后方审定）`, summary: '后方办公室核对了合作协议的签订日期。', status: 'completed' },
    })
    const pkg = await apiCall<{ name: string; data: string }>(server, 'exchange.pack', { scope: {}, destination: '前方指挥部' })
    const folder = mkdtempSync(join(tmpdir(), 'aid-screenshots-'))
    const file = join(folder, pkg.name)
    writeFileSync(file, Buffer.from(pkg.data, 'base64'))
    return { file, remove: () => rmSync(folder, { recursive: true, force: true }) }
  } finally {
    await stopServer(server)
    await removeArchive(other)
  }
}

/** Empties the top bar's search box (it may keep the last query). */
async function clearSearch(page: Page): Promise<void> {
  const box = page.getByTestId('search-input')
  if (await box.inputValue().catch(() => '')) await box.fill('')
}

/** A folder as it comes off a camera card and a shared drive: photos with EXIF, one caption file, one 公文. */
async function dayFolder(): Promise<{ dir: string; files: string[] }> {
  const dir = mkdtempSync(join(tmpdir(), 'aid-screenshots-'))
  const files = [
    await writePhoto(dir, 'IMG_2041.jpg', '#7c8f6a'),
    await writePhoto(dir, 'IMG_2042.jpg', '#8a7a62'),
    await writePhoto(dir, 'IMG_2043.jpg', '#6b7f95'),
  ]
  const caption = join(dir, 'IMG_2041.txt')
  writeFileSync(caption, '2025年6月18日，工作队在吉木萨尔县煤层气合作区块井场调研。摄影：王强\n')
  files.push(caption)
  const report = join(dir, '吉木萨尔县煤层气区块调研报告.txt')
  writeFileSync(report, '晋援疆前指〔2025〕9号\n\n关于吉木萨尔县煤层气合作区块调研情况的报告\n\n2025年6月18日，工作队赴吉木萨尔县……\n\n山西省第五批援疆工作队前方指挥部\n2025年6月20日\n')
  files.push(report)
  return { dir, files }
}

/** Types a query into the top bar's search box, as a person would. */
async function typeSearch(page: Page, q: string): Promise<void> {
  const box = page.getByTestId('search-input')
  await box.click()
  await box.fill('')
  await box.pressSequentially(q, { delay: 30 })
  await expect(page.getByTestId('search-view')).toBeVisible()
}

async function main(): Promise<number> {
  const only = process.argv.slice(2)
  const unknown = only.filter((n) => !SHOTS.some((s) => s.name === n))
  if (unknown.length) {
    console.error(`unknown screenshot(s): ${unknown.join(', ')}; known: ${SHOTS.map((s) => s.name).join(', ')}`)
    return 2
  }
  if (!existsSync(join(ROOT, 'out', 'main', 'cli.js'))) {
    console.log('out/ is missing: building first (npm run build)…')
    const r = spawnSync(process.execPath, [join(ROOT, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build'], { cwd: ROOT, stdio: 'inherit' })
    if (r.status !== 0) return 1
  }
  mkdirSync(OUT, { recursive: true })
  const todo = only.length ? SHOTS.filter((s) => only.includes(s.name)) : SHOTS
  // One archive for the run, like a day's work: the demo, its 综述 filed so a 档号 shows.
  const dir = await tempArchive()
  const server = await startServer(dir)
  const browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS })
  let failed = 0
  try {
    await apiCall(server, 'archive.loadDemo')
    await apiCall(server, 'records.file', { id: FILED_REPORT })
    const context = await browser.newContext({ viewport: VIEWPORT, locale: 'zh-CN', deviceScaleFactor: 1 })
    const page = await context.newPage()
    await page.goto(server.url)
    await expect(page.getByTestId('nav-library')).toBeVisible()
    for (const shot of todo) {
      const started = Date.now()
      try {
        await clearSearch(page)
        await go(page, '#/library')
        await shot.take({ page, server, dir, call: (m, i) => apiCall(server, m, i) })
        console.log(`  docs/screenshots/${shot.name}.png  ${shot.what}  (${((Date.now() - started) / 1000).toFixed(1)} s)`)
      } catch (e) {
        failed++
        const at = join(tmpdir(), `aid-screenshot-failed-${shot.name}.png`)
        await page.screenshot({ path: at }).catch(() => {})
        console.error(`  ${shot.name} failed (the page then: ${at}): ${(e as Error).message.split('\n').slice(0, 6).join(' | ')}`)
        await page.keyboard.press('Escape').catch(() => {})
      }
    }
  } finally {
    await browser.close()
    await stopServer(server)
    await removeArchive(dir)
  }
  return failed ? 1 : 0
}

main().then(
  (code) => (process.exitCode = code),
  (e) => {
    console.error(e)
    process.exitCode = 1
  },
)

/** A JPEG as a camera writes it (size, make, model, time taken), in one flat colour. */
async function writePhoto(dir: string, name: string, colour: string): Promise<string> {
  const file = join(dir, name)
  const img = await sharp({ create: { width: 2400, height: 1600, channels: 3, background: colour } })
    .withExif({ IFD0: { Make: 'Canon', Model: 'EOS 80D', DateTime: '2025:06:18 10:24:00' }, IFD2: { DateTimeOriginal: '2025:06:18 10:24:00' } })
    .jpeg({ quality: 85 })
    .toBuffer()
  writeFileSync(file, img)
  return file
}
