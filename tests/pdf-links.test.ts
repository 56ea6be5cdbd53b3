/**
 * The PDFs' links and fonts, on the small fixture deck (an agenda, a web link, a link back to the
 * opening): `npm run pdf` leaves link annotations in deck.pdf and handout.pdf, the agenda's and
 * the deck's own links jump to the page of the slide they name, web links open their address,
 * nothing points at the print server, and each weight of the deck font keeps its own name.
 */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFString } from 'pdf-lib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildDeck } from '../src/compiler/node.ts'
import { REPO, runCli, scratchProject } from './cli.ts'
import { buildForTests } from './global-setup.ts'

const FIXTURE = resolve(REPO, 'tests/fixtures/pptx-small')
const out = mkdtempSync(join(tmpdir(), 'deck-pdf-links-'))
let project = ''
const docs = new Map<string, PDFDocument>()

/** A link annotation: its page (0-based), and the page it jumps to or the address it opens. */
interface Link {
  page: number
  target?: number
  uri?: string
}

function links(doc: PDFDocument): Link[] {
  const pageOf = new Map(doc.getPages().map((p, i) => [p.ref.toString(), i]))
  const named = doc.catalog.lookupMaybe(PDFName.of('Dests'), PDFDict)
  const destPage = (dest: unknown): number | undefined => {
    let d = dest
    if (d instanceof PDFName || d instanceof PDFString) d = named?.lookup(d instanceof PDFName ? d : PDFName.of(d.decodeText()))
    if (d instanceof PDFDict) d = d.lookup(PDFName.of('D'))
    return d instanceof PDFArray ? pageOf.get(d.get(0)?.toString() ?? '') : undefined
  }
  return doc.getPages().flatMap((p, page) => {
    const annots = p.node.lookupMaybe(PDFName.of('Annots'), PDFArray)
    return (annots?.asArray() ?? []).flatMap((_, k) => {
      const a = annots?.lookup(k, PDFDict)
      if (!a) return []
      if (a.get(PDFName.of('Subtype'))?.toString() !== '/Link') return []
      const action = a.lookupMaybe(PDFName.of('A'), PDFDict)
      const uri = action?.lookupMaybe(PDFName.of('URI'), PDFString)?.decodeText()
      const target = destPage(a.get(PDFName.of('Dest')) ?? action?.get(PDFName.of('D')))
      return [{ page, ...(uri ? { uri } : {}), ...(target !== undefined ? { target } : {}) }]
    })
  })
}

beforeAll(async () => {
  project = scratchProject(FIXTURE)
  const dist = await buildForTests(project)
  const r = await runCli('pdf', project, `--dist=${dist}`, `--out=${out}`)
  if (r.code !== 0) throw new Error(`npm run pdf failed:\n${r.stdout}${r.stderr}`)
  for (const name of ['deck.pdf', 'handout.pdf']) docs.set(name, await PDFDocument.load(readFileSync(join(out, name))))
}, 300_000)

afterAll(() => {
  rmSync(out, { recursive: true, force: true })
  if (project) rmSync(project, { recursive: true, force: true })
})

describe.each(['deck.pdf', 'handout.pdf'])('%s', (name) => {
  const slides = () => buildDeck(project).deck.slides
  const all = () => links(docs.get(name) as PDFDocument)

  it("has the agenda's links, each jumping to the page of the slide it lists", () => {
    const s = slides()
    const agenda = s.findIndex((x) => x.layout === 'agenda')
    expect(agenda).toBeGreaterThanOrEqual(0)
    // The agenda lists every slide of a section that is not a sub-slide (src/compiler/agenda.ts).
    const firsts = s.flatMap((x, i) => (x.section && x.v === 0 ? [i] : []))
    expect(firsts.length).toBeGreaterThan(1)
    const fromAgenda = all().filter((l) => l.page === agenda && l.target !== undefined)
    expect(fromAgenda.map((l) => l.target)).toEqual(firsts)
  })

  it('jumps from a link to another slide to its page, and opens web links', () => {
    const s = slides()
    const points = s.findIndex((x) => x.bodyHtml.includes('href="#/opening"'))
    const opening = s.findIndex((x) => x.id === 'opening')
    expect(points).toBeGreaterThan(opening)
    const here = all().filter((l) => l.page === points)
    expect(here).toContainEqual({ page: points, target: opening })
    expect(here).toContainEqual({ page: points, uri: 'https://example.org/page' })
    // Nothing points at the server that printed it.
    expect(all().filter((l) => l.uri && !/^(https?:\/\/(?!127\.|localhost)|mailto:)/.test(l.uri))).toEqual([])
  })

  it('names each weight of the deck font as itself', () => {
    const fonts = execFileSync('pdffonts', [join(out, name)], { encoding: 'utf8' })
    const faces = [...fonts.matchAll(/^[A-Z]{6}\+(SourceSans3\S*)/gm)].map((m) => m[1])
    expect(faces).toContain('SourceSans3-Bold')
    expect(faces).toContain('SourceSans3-Regular')
    expect(faces.filter((f) => /ExtraLight/.test(f ?? ''))).toEqual([])
  })
})
