/**
 * Reading edition: the address follows the reader. As a slide's article crosses the upper
 * part of the window, `location.hash` becomes `#<slide-id>` (replaceState: no history spam),
 * so a copied link opens the same place. At the bottom of the page it is the last slide's.
 */
const articles = [...document.querySelectorAll<HTMLElement>('article.read-slide[id]')]
const visible = new Set<HTMLElement>()

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
