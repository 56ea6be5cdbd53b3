import { afterFirstFrame, afterFirstPaint, loadOtherFonts } from './first-paint.ts'
import { type DeckRevealConfig, deckConfig, type PageOptions } from './reveal-config.ts'

const root = document.querySelector<HTMLElement>('.reveal')
const slides = root?.querySelector<HTMLElement>('.slides')
if (!root || !slides) throw new Error('deck: the page has no .reveal .slides element')

const page = JSON.parse(document.getElementById('deck-options')?.textContent ?? '{}') as PageOptions
const config: DeckRevealConfig = {
  ...deckConfig(page, {
    reducedMotion: matchMedia('(prefers-reduced-motion: reduce)').matches,
    print: /print-pdf/.test(location.search),
  }),
}
// The speaker view's two slide previews load this page with `?receiver` and are driven by
// postMessage, which reveal.js only listens to once initialised: what arrives before is held
// (ahead of reveal's own listener) and replayed once it listens. The upcoming preview
// (`controls=false`) is sent one "set state, then next" as soon as the current preview is up; on
// a loaded machine that can reach it before this script even runs, and is lost: when nothing
// came, it steps to the next slide itself (a later message sets it all the same).
const receiver = /[?&]receiver(?:[&=]|$)/.test(location.search)
const upcomingPreview = receiver && /[?&]controls=false(?:&|$)/.test(location.search)
const held: string[] = []
let revealListens = false
const holdMessage = (e: MessageEvent) => {
  if (revealListens || typeof e.data !== 'string') return
  held.push(e.data)
  e.stopImmediatePropagation()
}
if (receiver) addEventListener('message', holdMessage)
const listen = () => {
  revealListens = true
  removeEventListener('message', holdMessage)
  if (!held.length && upcomingPreview) deck.next()
  for (const data of held.splice(0)) dispatchEvent(new MessageEvent('message', { data }))
}
// reveal.js (~120 kB) is fetched and started once the first frame is drawn: the pre-rendered
// slide, laid out by the stylesheet alone where reveal will keep it (src/client/first-paint.ts).
// What reveal does not need to get ready (other font faces, the speaker view) waits until that
// frame is on screen.
const shown = new Promise<void>((done) => afterFirstPaint(done))
void shown.then(loadOtherFonts)
await new Promise<void>((drawn) => afterFirstFrame(drawn))
const { default: Reveal } = await import('reveal.js')
const deck = new Reveal(root, config as never)
// Not in the speaker view's slide previews (they load this page with `?receiver`).
const readingLink = receiver ? null : document.querySelector<HTMLAnchorElement>('a.deck-edition-link')
if (receiver) document.querySelector('a.deck-edition-link')?.remove()
// The speaker view (reveal's notes plugin, which carries its own Markdown parser, dressed by
// speaker-view.ts) downloads once the first slide is up, not before it; `S` works a moment
// after the deck is ready.
void deck.initialize().then(async () => {
  if (receiver) listen()
  // What this deck adds, listed in the `?` help after reveal's keys (the speaker view's `S`
  // joins them once it has loaded).
  deck.registerKeyboardShortcut('Address #/&lt;slide-id&gt;', 'Opens that slide: copy the address to share it')
  void offerReadingEdition()
  await shown
  ;(await import('./speaker-view.ts')).registerSpeakerView(deck as never)
})
;(window as unknown as { deck: typeof deck }).deck = deck

/** The reading edition's link stays where read.html is beside the deck (not with deck.html alone). */
async function offerReadingEdition(): Promise<void> {
  if (!readingLink) return
  if ((await readingEditionBeside()) === false) readingLink.remove()
  else deck.registerKeyboardShortcut('Link, top right', 'Reading edition at this slide: every slide with its notes')
  // Marked when settled, for whoever waits on it (the tests).
  document.documentElement.dataset.editionLinks = 'checked'
}

/**
 * Is read.html beside this page? What src/client/sibling.ts does for read.ts, written again: a
 * module both pages imported would become a file of its own, and deck.html and read.html must
 * each work alone (src/vite/standalone.ts cannot inline a statically imported chunk).
 */
function readingEditionBeside(): Promise<boolean | undefined> {
  const url = new URL('./read.html', location.href).href
  if (/^https?:$/.test(location.protocol))
    return fetch(url, { method: 'HEAD', cache: 'no-store' }).then(
      (r) => r.ok,
      () => false,
    )
  if (location.protocol !== 'file:') return Promise.resolve(undefined)
  return new Promise((answer) => {
    // From disk a stylesheet that never applies (`media="not all"`) loads only if the file is there.
    const link = Object.assign(document.createElement('link'), { rel: 'stylesheet', media: 'not all', href: url })
    link.addEventListener('load', () => answer(true))
    link.addEventListener('error', () => answer(false))
    link.addEventListener('load', () => link.remove())
    link.addEventListener('error', () => link.remove())
    document.head.append(link)
  })
}

// The link to the reading edition follows the slide: it opens read.html at the same slide.
const followSlide = () => {
  const id = deck.getCurrentSlide()?.id
  if (readingLink) readingLink.href = `./read.html${id ? `#${id}` : ''}`
}
deck.on('ready', followSlide)
deck.on('slidechanged', followSlide)

if (import.meta.hot) {
  // The frame (theme, fonts, marking) this page was served with: the dev server reloads it if
  // the deck has moved on while its socket was still connecting (src/vite/plugin.ts).
  const frame = document.querySelector<HTMLMetaElement>('meta[name="deck-frame"]')?.content
  if (frame) import.meta.hot.send('deck:hello', { frame })
  // Where the presenter was before an error replaced the slides, to come back to once fixed.
  let lastGood = deck.getIndices()
  import.meta.hot.on('deck:update', (data: { html: string; options: PageOptions; errors: string[] }) => {
    if (document.documentElement.dataset.deckErrors !== '1') lastGood = deck.getIndices()
    const { h, v } = data.errors.length ? { h: 0, v: 0 } : lastGood
    slides.innerHTML = data.html
    deck.configure({ totalTime: data.options.totalTime } as never)
    deck.sync()
    deck.slide(h, v ?? 0)
    document.documentElement.dataset.deckErrors = data.errors.length ? '1' : '0'
  })
}
