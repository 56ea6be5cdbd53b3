import { escapeHtml } from '../text/escape.ts'
import { agendaHtml } from './agenda.ts'
import { placeCitations } from './citations.ts'
import { tooComplexFile, tooManyParts } from './complexity.ts'
import { diag, sortDiagnostics } from './diagnostics.ts'
import { splitFrontmatter } from './frontmatter.ts'
import { embedIdentity, slideChrome } from './identity.ts'
import { createMarkdown, type InternalLink, type MarkdownEnv } from './markdown.ts'
import { paceInRange } from './pacing.ts'
import { darkGround, themeFindings } from './palette.ts'
import { defaultId, parseSlideFile } from './parse.ts'
import { at } from './position.ts'
import { renderFile, sectionHtml } from './render.ts'
import { DEFAULT_DECK, validateDeckConfig, validateMeta } from './schema.ts'
import type { Deck, DeckConfig, DeckResult, Diagnostic, ProseLine, RenderedSlide, SlideFile, SourceFile } from './types.ts'

export interface CompileInput {
  /** The slide files, any order; sorted here by numeric prefix, then name. */
  files: readonly SourceFile[]
  /** `slides/deck.yaml`, the deck-wide settings, when present. */
  deckFile?: SourceFile
  env: MarkdownEnv
}

/**
 * The whole pure pipeline: parse -> validate -> render -> assemble. Returns every problem
 * found as a located diagnostic; it never throws for content errors.
 */
export function compileDeck({ files, deckFile, env }: CompileInput): DeckResult {
  const diagnostics: Diagnostic[] = []
  const prose: ProseLine[] = []
  const { config, embedded } = readDeckConfig(deckFile, diagnostics, prose, env)
  // Figures lay their text out in the fonts this deck is drawn in.
  const slideEnv = env.measureFor ? { ...env, measure: env.measureFor(config.theme?.font) } : env
  const parsed = files
    .map((f) => {
      const r = parseSlideFile(f)
      diagnostics.push(...r.diagnostics)
      return r.parsed
    })
    .sort((a, b) => a.order - b.order || a.file.localeCompare(b.file))

  const slideFiles: SlideFile[] = parsed
    .filter((p) => p.parts.length > 0)
    .map((p) => {
      const { meta, diagnostics: ds } = validateMeta(p.data, p.keyPos, p.dataPos, defaultId(p.file), p.dataOk)
      diagnostics.push(...ds)
      const { data: _data, dataOk: _ok, ...rest } = p
      return { ...rest, meta }
    })

  const md = createMarkdown()
  const slides: RenderedSlide[] = []
  const links: InternalLink[] = []
  const groups: { file: SlideFile; slides: RenderedSlide[] }[] = []
  slideFiles.forEach((file, h) => {
    // Refused before any rendering: pathological text would stall marked (complexity.ts).
    const complex = tooManyParts(file.parts) ?? tooComplexFile(file.parts.flatMap((p) => (p.notes ? [p.content, p.notes] : [p.content])))
    if (complex) {
      diagnostics.push(complex)
      return
    }
    const r = renderFile(file, h, md, slideEnv, config)
    diagnostics.push(...r.diagnostics)
    links.push(...r.links)
    prose.push(...r.prose)
    slides.push(...r.slides)
    groups.push({ file, slides: r.slides })
  })

  diagnostics.push(...checkIds(slides), ...checkNotes(slides), ...checkLinks(links, slides))
  diagnostics.push(...placeCitations(slides, config, deckFile ?? { path: 'slides/deck.yaml', text: '' }))
  const totalSeconds = slides.reduce((sum, s) => sum + s.seconds, 0)
  if (slides.length > 0 && !paceInRange(totalSeconds, config)) {
    diagnostics.push(
      diag(
        'pacing-range',
        deckFile ? at(deckFile.path, 1) : at('slides/deck.yaml', 1),
        `the notes add up to ${(totalSeconds / 60).toFixed(1)} minutes at ${config.wordsPerMinute} words a minute, outside the target of ${config.targetMinutes} ± ${config.toleranceMinutes}: trim or extend the notes, or change targetMinutes`,
        'warning',
      ),
    )
  }

  const agenda = agendaHtml(slides)
  const html = groups
    .map(({ file, slides: group }) => {
      const inner = group
        .map((s) => sectionHtml(s, file.meta.class, agenda, slideChrome(config, embedded, s.layout === 'title'), darkGround(config)))
        .join('\n')
      return group.length > 1 ? `<section class="stack" data-file="${escapeHtml(file.file)}">\n${inner}\n</section>` : inner
    })
    .join('\n')
  return {
    deck: { config, slides, html, totalSeconds, ...(embedded.logo || embedded.font ? { embedded } : {}) },
    diagnostics: sortDiagnostics(diagnostics),
    files: [...files.map((f) => f.path), ...(deckFile ? [deckFile.path] : [])],
    prose,
  }
}

function readDeckConfig(
  deckFile: SourceFile | undefined,
  out: Diagnostic[],
  prose: ProseLine[],
  env: MarkdownEnv,
): { config: DeckConfig; embedded: NonNullable<Deck['embedded']> } {
  const none = { config: DEFAULT_DECK, embedded: {} }
  if (!deckFile) return none
  // deck.yaml is one YAML document: a `---` (or `...`) line would end it and silently drop the keys after it.
  const marker = deckFile.text.split('\n').findIndex((l) => /^(---|\.\.\.)[ \t]*$/.test(l))
  if (marker >= 0) {
    out.push(
      diag(
        'deck-config',
        at(deckFile.path, marker + 1),
        `deck.yaml holds one YAML document, so this "${deckFile.text.split('\n')[marker]?.trim()}" line would drop every key after it: remove the line`,
      ),
    )
    return none
  }
  // deck.yaml is plain YAML; give it a fence so it shares the frontmatter reader and its positions.
  const fm = splitFrontmatter({ path: deckFile.path, text: `---\n${deckFile.text}\n---\n` })
  const shift = fm.diagnostics.map((d) => ({ ...d, pos: { ...d.pos, line: d.pos.line - 1 } }))
  out.push(...shift)
  const keyPos = Object.fromEntries(
    Object.entries(fm.keyPos).map(([k, v]) => [k, { key: { ...v.key, line: v.key.line - 1 }, value: { ...v.value, line: v.value.line - 1 } }]),
  )
  const { config: valid, diagnostics } = validateDeckConfig(fm.data, keyPos, at(deckFile.path, 1))
  out.push(...diagnostics.map((d) => ({ ...d, code: 'deck-config' as const })))
  const { config, embedded } = embedIdentity(valid, deckFile.path, keyPos, env, out)
  out.push(...themeFindings(config, keyPos, deckFile.path))
  // The title and subtitle are shown to the audience: prose, like a slide's (who made it is no claim to check).
  for (const key of ['title', 'subtitle'] as const) {
    const pos = keyPos[key]?.value
    const text = config[key]
    if (pos && text && text === fm.data[key]) prose.push({ pos: { ...pos, file: deckFile.path }, text, blockStart: true, notes: false })
  }
  return { config, embedded }
}

function checkIds(slides: readonly RenderedSlide[]): Diagnostic[] {
  const seen = new Map<string, RenderedSlide>()
  const out: Diagnostic[] = []
  for (const s of slides) {
    const first = seen.get(s.id)
    if (first)
      out.push(
        diag(
          'id-duplicate',
          at(s.file, s.line),
          `the id "${s.id}" is already used by ${first.file}:${first.line}: give one of them another "id:" in its frontmatter (or rename the file)`,
        ),
      )
    else seen.set(s.id, s)
  }
  return out
}

function checkNotes(slides: readonly RenderedSlide[]): Diagnostic[] {
  return slides
    .filter((s) => s.notesWords === 0)
    .map((s) =>
      diag(
        'notes-missing',
        at(s.file, s.line),
        `slide "${s.id}" has no speaker notes: add a line "Notes:" followed by what the presenter should say`,
        'warning',
      ),
    )
}

function checkLinks(links: readonly InternalLink[], slides: readonly RenderedSlide[]): Diagnostic[] {
  const ids = new Set(slides.map((s) => s.id))
  return links
    .filter((l) => !ids.has(l.target))
    .map((l) =>
      diag(
        'link-broken',
        l.pos,
        `the link "#/${l.target}" leads to no slide: use one of the slide ids (${[...ids].slice(0, 6).join(', ')}${ids.size > 6 ? ', …' : ''})`,
      ),
    )
}
