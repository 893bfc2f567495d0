// The 成果汇编 as .docx in the GB/T 9704-2012 house style (DOMAIN.md): A4, margins
// 37/35/28/26 mm, body 仿宋_GB2312 3号 (16 pt) on a 22-line grid, title 方正小标宋简体
// 2号 (22 pt), 一、 in 黑体, （一） in 楷体_GB2312, page numbers "— 1 —" at the foot.
import {
  AlignmentType, BorderStyle, Document, Footer, ImageRun, LineRuleType, Packer, PageNumber, Paragraph,
  Table, TableCell, TableRow, TextRun, VerticalAlign, WidthType,
} from 'docx'
import type { SummaryItem, SummaryModel, SummaryPhoto } from '../../../shared/contract/export'
import { cnNumber } from './context'
import { xmlSafe } from './safe-output'

/** An image ready for Word: a JPEG/PNG and its display size in pixels (96 dpi). */
export interface DocxImage {
  type: 'jpg' | 'png'
  data: Uint8Array
  width: number
  height: number
}

const FANGSONG = '仿宋_GB2312'
/** Millimetres to twips, rounded (docx's own helper truncates: A4 would be 11905 × 16837). */
const mm = (v: number) => Math.round((v * 1440) / 25.4)
const font = (eastAsia: string, latin = 'Times New Roman') => ({ ascii: latin, hAnsi: latin, eastAsia, cs: latin })
/** 28.95 pt: the body's exact line pitch, 22 lines on the type area of an A4 page. */
const LINE = 579
const CONTENT_WIDTH = mm(210 - 28 - 26)
const body = (text: string, extra: { indent?: boolean; center?: boolean; size?: number; f?: string } = {}) =>
  new Paragraph({
    alignment: extra.center ? AlignmentType.CENTER : AlignmentType.JUSTIFIED,
    indent: extra.indent === false ? undefined : { firstLine: 640 },
    spacing: { line: LINE, lineRule: LineRuleType.EXACT },
    children: [new TextRun({ text, font: extra.f ? font(extra.f, extra.f) : undefined, size: extra.size })],
  })

const heading1 = (text: string) =>
  new Paragraph({
    indent: { firstLine: 640 },
    spacing: { line: LINE, lineRule: LineRuleType.EXACT },
    keepNext: true,
    children: [new TextRun({ text, font: font('黑体', '黑体') })],
  })
const heading2 = (text: string) =>
  new Paragraph({
    indent: { firstLine: 640 },
    spacing: { line: LINE, lineRule: LineRuleType.EXACT },
    keepNext: true,
    children: [new TextRun({ text, font: font('楷体_GB2312', '楷体_GB2312') })],
  })

const cellBorder = { style: BorderStyle.SINGLE, size: 4, color: '000000' }
/** A bordered table whose header repeats on each page; `left` columns align left (text), the rest centre. */
function table(widths: number[], header: string[], rows: string[][], left: number[], size = 24): Table {
  const cell = (text: string, i: number, head: boolean) =>
    new TableCell({
      width: { size: widths[i]!, type: WidthType.DXA },
      verticalAlign: VerticalAlign.CENTER,
      margins: { left: 80, right: 80, top: 40, bottom: 40 },
      children: [
        new Paragraph({
          alignment: head || !left.includes(i) ? AlignmentType.CENTER : AlignmentType.LEFT,
          children: [new TextRun({ text, size, font: head ? font('黑体', '黑体') : undefined })],
        }),
      ],
    })
  return new Table({
    width: { size: CONTENT_WIDTH, type: WidthType.DXA },
    columnWidths: widths,
    borders: { top: cellBorder, bottom: cellBorder, left: cellBorder, right: cellBorder, insideHorizontal: cellBorder, insideVertical: cellBorder },
    rows: [
      new TableRow({ tableHeader: true, children: header.map((h, i) => cell(h, i, true)) }),
      ...rows.map((r) => new TableRow({ cantSplit: true, children: r.map((t, i) => cell(t, i, false)) })),
    ],
  })
}

function photoBlock(p: SummaryPhoto, n: number, img: DocxImage | undefined): Paragraph[] {
  const out: Paragraph[] = []
  if (img) {
    const scale = Math.min(1, 500 / img.width, 360 / img.height)
    out.push(
      new Paragraph({
        alignment: AlignmentType.CENTER,
        keepNext: true,
        spacing: { before: 120 },
        children: [
          new ImageRun({ type: img.type, data: img.data, transformation: { width: Math.round(img.width * scale), height: Math.round(img.height * scale) }, altText: { name: p.photoNo || p.id, title: p.title, description: p.caption } }),
        ],
      }),
    )
  }
  const label = `图${n}　${p.title}${p.photoNo ? `（照片号 ${p.photoNo}）` : ''}${p.placeholder ? '〔示意图，非原件〕' : ''}`
  out.push(new Paragraph({ alignment: AlignmentType.CENTER, keepNext: true, children: [new TextRun({ text: label, size: 28, font: font('楷体_GB2312', '楷体_GB2312') })] }))
  out.push(new Paragraph({ alignment: AlignmentType.JUSTIFIED, spacing: { after: 200 }, children: [new TextRun({ text: p.caption, size: 24 })] }))
  return out
}

export async function summaryDocx(given: SummaryModel, images: ReadonlyMap<string, DocxImage> = new Map()): Promise<Uint8Array> {
  // Every text below (runs, alt text, the document's title) comes from this model.
  const model = xmlSafe(given)
  const children: (Paragraph | Table)[] = [
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { line: 720, lineRule: LineRuleType.EXACT },
      children: [new TextRun({ text: model.title, size: 44, font: font('方正小标宋简体', '方正小标宋简体') })],
    }),
    body(`（${model.subtitle}）`, { center: true, indent: false, f: '楷体_GB2312' }),
    body(''),
    body(model.intro),
  ]
  let figure = 0
  const item = (it: SummaryItem, j: number) => {
    children.push(heading2(`（${cnNumber(j + 1)}）${it.title}`))
    if (it.facts) children.push(body(it.facts))
    if (it.summary) children.push(body(it.summary))
    if (it.metrics.length) {
      const w = [0.34, 0.2, 0.22, 0.24].map((f) => Math.round(CONTENT_WIDTH * f))
      children.push(table(w, ['指标', '援前', '现值', '说明'], it.metrics.map((m) => [m.label, m.before || '—', m.after, m.note]), [0, 3]))
      children.push(new Paragraph({ spacing: { after: 120 }, children: [] }))
    }
    for (const p of it.photos) children.push(...photoBlock(p, ++figure, images.get(p.id)))
  }
  model.areas.forEach((a, i) => {
    children.push(heading1(`${cnNumber(i + 1)}、${a.name}`))
    a.items.forEach(item)
  })
  children.push(heading1(`${cnNumber(model.areas.length + 1)}、资料来源`))
  if (model.sources.length) {
    const w = [0.08, 0.37, 0.29, 0.12, 0.14].map((f) => Math.round(CONTENT_WIDTH * f))
    children.push(table(w, ['序号', '档号', '题名', '责任者', '日期'], model.sources.map((s, i) => [String(i + 1), s.refCode || '（未归档）', s.title, s.responsible, s.date]), [2], 22))
  } else children.push(body('（无）'))

  const doc = new Document({
    creator: 'Aid Archive',
    title: model.title,
    styles: { default: { document: { run: { font: font(FANGSONG), size: 32 } } } },
    sections: [
      {
        properties: {
          page: {
            size: { width: mm(210), height: mm(297) },
            margin: {
              top: mm(37),
              bottom: mm(35),
              left: mm(28),
              right: mm(26),
              footer: mm(20),
            },
          },
        },
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                alignment: AlignmentType.CENTER,
                children: [new TextRun({ children: ['— ', PageNumber.CURRENT, ' —'], size: 28, font: font('宋体', '宋体') })],
              }),
            ],
          }),
        },
        children,
      },
    ],
  })
  return new Uint8Array(await Packer.toBuffer(doc))
}
