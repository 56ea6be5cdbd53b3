/**
 * Reading edition: the address follows the reader. As a slide's article crosses the upper
 * part of the window, `location.hash` becomes `#<slide-id>` (replaceState: no history spam),
 * so a copied link opens the same place. At the bottom of the page it is the last slide's.
 * A deck-style address (`#/<slide-id>`, `#/<h>/<v>`) opens the same slide. The links to the deck
 * go where a deck is: index.html when served, deck.html from disk; none when this file came alone.
 */
import { siblingExists } from './sibling.ts'

const articles = [...document.querySelectorAll<HTMLElement>('article.read-slide[id]')]
const visible = new Set<HTMLElement>()

/** `#/<id>` or `#/<h>/<v>`, as the deck writes them: go to that slide's article, as `#<id>` would. */
function deckAddress(): void {
  const m = /^#\/([^/?]+)(?:\/(\d+))?\/?$/.exec(location.hash)
  if (!m) return
  let key = m[1] ?? ''
  try {
    key = decodeURIComponent(key)
  } catch {
    return
  }
  const target = /^\d+$/.test(key) ? articles.find((a) => a.dataset.h === key && a.dataset.v === (m[2] ?? '0')) : articles.find((a) => a.id === key)
  if (!target) return
  history.replaceState(history.state, '', `#${target.id}`)
  target.scrollIntoView({ block: 'start' })
}
deckAddress()
addEventListener('hashchange', deckAddress)

function update(): void {
  // The first article (in document order) inside the band wins. Above the first article
  // (title, contents) the address has no hash; between two articles it keeps the last one.
  // At the very bottom of the page the last article is the one being read, even when it is
  // too short to reach the band (the page cannot scroll it that far).
  const last = articles[articles.length - 1]
  const atBottom = scrollY > 0 && scrollY + innerHeight >= document.documentElement.scrollHeight - 2
  const top = atBottom && last && last.getBoundingClientRect().top < innerHeight ? last : articles.find((a) => visible.has(a))
  if (top) {
    if (location.hash !== `#${top.id}`) history.replaceState(history.state, '', `#${top.id}`)
  } else if (location.hash && articles[0] && articles[0].getBoundingClientRect().top > innerHeight / 3) {
    history.replaceState(history.state, '', location.pathname + location.search)
  }
}

const observer = new IntersectionObserver(
  (entries) => {
    for (const e of entries) {
      if (e.isIntersecting) visible.add(e.target as HTMLElement)
      else visible.delete(e.target as HTMLElement)
    }
    update()
  },
  // A band across the top third of the window: an article "is read" while it crosses it.
  { rootMargin: '0px 0px -66% 0px' },
)
for (const a of articles) observer.observe(a)
addEventListener('scroll', update, { passive: true })

/**
 * The links to the deck are written to deck.html, the deck that runs from disk too. Served with
 * index.html beside it, they go there (the lighter page). With no deck beside this file (it came
 * alone), the slides' links go and "Present the deck" says why.
 */
async function linkTheDeck(): Promise<void> {
  const links = [...document.querySelectorAll<HTMLAnchorElement>('a.read-deck-link')]
  if (!links.length) return
  if ((location.protocol === 'http:' || location.protocol === 'https:') && (await siblingExists('./index.html'))) {
    for (const a of links) a.href = (a.getAttribute('href') ?? '').replace('./deck.html', './index.html')
    return
  }
  if ((await siblingExists('./deck.html')) !== false) return
  for (const a of links) {
    if (a.classList.contains('read-present')) {
      const note = document.createElement('span')
      note.className = 'read-no-deck'
      note.textContent = 'The deck itself (deck.html) did not come with this file.'
      a.replaceWith(note)
    } else {
      a.closest('.read-to-deck')?.remove()
    }
  }
}
// Marked when settled, for whoever waits on it (the tests).
void linkTheDeck().finally(() => (document.documentElement.dataset.editionLinks = 'checked'))
