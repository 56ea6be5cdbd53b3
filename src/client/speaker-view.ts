/**
 * The speaker view, made for reading aloud. reveal.js's notes plugin writes its speaker window
 * (an about:blank popup of this origin) from a string; this module dresses that window from the
 * deck's side: the notes get a scroll area of their own, back at the top on every slide; the
 * clocks and pacing stay in one bar above them; an A−/A+ control sets the notes' size, kept in
 * localStorage for the next talk; the "Upcoming" label sits above the next slide instead of on it.
 * A short first paragraph (a cue, ≤ 15 words) is set larger, to be read at a glance. Under the
 * notes, "Sources for this slide": each checked claim and the source sentence behind it (the
 * `<template class="deck-provenance">` the build put into the slide).
 *
 * The popup's Content-Security-Policy (inherited from the deck) runs no script we did not hash,
 * so nothing is injected as a script: the deck's own code holds the listeners. A reloaded deck
 * reconnects to a speaker window still open (the plugin's heartbeat) and dresses it again.
 */
import Notes from 'reveal.js/plugin/notes'
import css from './speaker-view.css?inline'

/** localStorage key of the notes' size in px, kept across talks. */
export const NOTES_SIZE_KEY = 'deck-speaker-notes-size'
export const NOTES_SIZES = { min: 14, max: 44, step: 2, initial: 22 } as const
/** A first paragraph of notes with at most this many words is a cue, shown large. */
const CUE_WORDS = 15

interface DeckLike {
  registerPlugin(plugin: unknown): void
  removeKeyBinding(keyCode: number): void
  addKeyBinding(binding: { keyCode: number; key: string; description: string }, callback: () => void): void
}

/** The notes' size to use, from what was stored (anything unusable gives the initial size). */
export function notesSize(stored: string | null | undefined): number {
  const n = Number(stored)
  if (!stored || !Number.isFinite(n)) return NOTES_SIZES.initial
  const { min, max, step } = NOTES_SIZES
  return Math.min(max, Math.max(min, Math.round(n / step) * step))
}

/** Registers reveal's notes plugin with `S` opening the dressed speaker view. */
export function registerSpeakerView(deck: DeckLike): void {
  const notes = Notes()
  deck.registerPlugin(notes)
  // The plugin's own `S` opens an undressed window; ours opens it and dresses it at once.
  deck.removeKeyBinding(83)
  deck.addKeyBinding({ keyCode: 83, key: 'S', description: 'Speaker view: notes, next slide, clocks' }, () => {
    const open = window.open
    let opened: Window | null = null
    window.open = (...args: Parameters<typeof window.open>) => (opened = open.apply(window, args))
    try {
      notes.open()
    } finally {
      window.open = open
    }
    if (opened) dress(opened)
  })
  // A speaker window opened some other way (`?notes`), or left open while the deck reloaded,
  // calls in every second: dress it (once per deck page; a page that reloaded dresses it anew).
  addEventListener('message', (e) => {
    if (typeof e.data !== 'string' || !e.data.includes('"heartbeat"') || !e.source) return
    try {
      if ((JSON.parse(e.data) as { type?: string }).type === 'heartbeat') dress(e.source as Window)
    } catch {
      // Not a message of the speaker view's.
    }
  })
}

const dressed = new WeakSet<Window>()

/** Dresses a speaker window (idempotent within this page). */
export function dress(win: Window): void {
  if (dressed.has(win)) return
  let doc: Document
  try {
    doc = win.document
  } catch {
    return // another origin's window: not ours to touch
  }
  const controls = doc.getElementById('speaker-controls')
  const notes = doc.querySelector<HTMLElement>('.speaker-controls-notes')
  const value = notes?.querySelector<HTMLElement>('.value')
  if (!controls || !notes || !value) return
  dressed.add(win)

  if (!doc.getElementById('deck-speaker-style')) {
    const style = doc.createElement('style')
    style.id = 'deck-speaker-style'
    style.textContent = fontFaces() + css
    doc.head.append(style)
  }
  doc.title = `Speaker view · ${document.title}`

  // The notes' header: label, size control, reveal's layout menu (moved off the previews).
  let bar = notes.querySelector<HTMLElement>('.deck-notes-bar')
  if (!bar) {
    bar = doc.createElement('div')
    bar.className = 'deck-notes-bar'
    const label = notes.querySelector('h4.label')
    if (label) bar.append(label)
    notes.prepend(bar)
  }
  // A reloaded deck finds the old buttons holding listeners of a page that is gone: new ones.
  bar.querySelector('.deck-notes-size')?.remove()
  const sizes = doc.createElement('span')
  sizes.className = 'deck-notes-size'
  sizes.setAttribute('role', 'group')
  sizes.setAttribute('aria-label', 'Size of the notes')
  const smaller = button(doc, 'A−', 'Smaller notes', 'deck-notes-smaller')
  const shown = doc.createElement('output')
  shown.className = 'deck-notes-size-value'
  const larger = button(doc, 'A+', 'Larger notes', 'deck-notes-larger')
  sizes.append(smaller, shown, larger)
  bar.append(sizes)
  const layout = doc.getElementById('speaker-layout')
  if (layout && layout.parentElement !== bar) bar.append(layout)

  const storage = localStore(win)
  const apply = (px: number) => {
    doc.body.style.setProperty('--deck-notes-size', `${px}px`)
    shown.value = `${px}px`
    smaller.disabled = px <= NOTES_SIZES.min
    larger.disabled = px >= NOTES_SIZES.max
  }
  const change = (by: number) => {
    const px = notesSize(String(notesSize(storage?.getItem(NOTES_SIZE_KEY)) + by))
    try {
      storage?.setItem(NOTES_SIZE_KEY, String(px))
    } catch {
      // Storage full or refused: the size holds for this talk.
    }
    apply(px)
  }
  apply(notesSize(storage?.getItem(NOTES_SIZE_KEY)))
  smaller.addEventListener('click', () => change(-NOTES_SIZES.step))
  larger.addEventListener('click', () => change(NOTES_SIZES.step))

  // New notes (another slide) start at the top; the same notes sent again (a fragment) stay put.
  let last = value.innerHTML
  const fresh = () => {
    if (value.innerHTML === last) return
    last = value.innerHTML
    value.scrollTop = 0
    markCue(value)
  }
  new MutationObserver(fresh).observe(value, { childList: true, characterData: true, subtree: true })
  markCue(value)
  showSources(win, notes)
}

/** The slide the deck shows (the innermost present section). */
function currentSlide(): Element | undefined {
  return [...document.querySelectorAll('.reveal .slides section.present')].pop()
}

/**
 * "Sources for this slide" under the notes, kept to the deck's current slide; hidden on a slide
 * with none. A new list on every slide change, until the speaker window closes.
 */
function showSources(win: Window, notes: HTMLElement): void {
  const doc = notes.ownerDocument
  notes.querySelector('.deck-sources')?.remove()
  const box = doc.createElement('details')
  box.className = 'deck-sources'
  // Closed at first: the notes keep their room; opened, it stays open from slide to slide.
  box.open = false
  const summary = doc.createElement('summary')
  summary.textContent = 'Sources for this slide'
  box.append(summary)
  notes.append(box)
  const reveal = document.querySelector('.reveal')
  const update = () => {
    if (win.closed || !box.isConnected) {
      reveal?.removeEventListener('slidechanged', update)
      return
    }
    const template = currentSlide()?.querySelector<HTMLTemplateElement>(':scope > template.deck-provenance')
    box.querySelector('ol')?.remove()
    box.hidden = !template
    if (template) box.append(doc.importNode(template.content, true))
    summary.textContent = `Sources for this slide (${box.querySelectorAll('ol > li').length})`
  }
  reveal?.addEventListener('slidechanged', update)
  update()
}

/**
 * The deck's @font-face rules with their URLs made absolute (the speaker window's own address is
 * about:blank), so the notes are set in the deck's face; data: URLs (deck.html) stay as they are.
 */
function fontFaces(): string {
  const rules: string[] = []
  for (const sheet of document.styleSheets) {
    let list: CSSRuleList
    try {
      list = sheet.cssRules
    } catch {
      continue // a sheet we may not read
    }
    const base = sheet.href ?? document.baseURI
    for (const rule of list) {
      if (!(rule instanceof CSSFontFaceRule)) continue
      rules.push(
        rule.cssText.replace(/url\(\s*(["']?)([^"')]+)\1\s*\)/g, (m, _q: string, ref: string) =>
          ref.startsWith('data:') ? m : `url("${new URL(ref, base).href}")`,
        ),
      )
    }
  }
  return `${rules.join('\n')}\n`
}

function button(doc: Document, text: string, label: string, className: string): HTMLButtonElement {
  const b = doc.createElement('button')
  b.type = 'button'
  b.className = className
  b.textContent = text
  b.title = label
  b.setAttribute('aria-label', label)
  // Keys go to the deck (the speaker view forwards them): a button must not keep the focus, or
  // Space would press it as well as advance the slide.
  b.addEventListener('mousedown', (e) => e.preventDefault())
  return b
}

/** The first paragraph, when short, is the cue: marked to be shown large. */
function markCue(value: HTMLElement): void {
  const first = value.firstElementChild
  if (!first) return
  const words = (first.textContent ?? '').trim().split(/\s+/).filter(Boolean).length
  first.classList.toggle('deck-notes-cue', first.tagName === 'P' && words > 0 && words <= CUE_WORDS && value.children.length > 1)
}

function localStore(win: Window): Storage | undefined {
  try {
    return win.localStorage
  } catch {
    return undefined // storage refused (a file:// page in some browsers, private modes)
  }
}
