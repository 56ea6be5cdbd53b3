/**
 * Is another edition's file next to this page? A reading edition sent alone by e-mail, or a
 * deck.html copied alone to a USB stick, must not link to a file that is not there. Served, a
 * HEAD request answers. From disk (`file://`) fetch cannot read files, but a stylesheet can load
 * one: a `<link media="not all">` (never applied) loads when the file exists and fails when it
 * does not. Elsewhere (an e-mail client's preview) the answer is unknown.
 */

/** true or false when it could be told; undefined when it cannot be told from here. */
export function siblingExists(href: string): Promise<boolean | undefined> {
  const url = new URL(href, location.href)
  url.hash = ''
  if (location.protocol === 'file:') return loadsAsStylesheet(url.href)
  if (location.protocol === 'http:' || location.protocol === 'https:') {
    return fetch(url, { method: 'HEAD', cache: 'no-store' }).then(
      (r) => r.ok,
      () => false,
    )
  }
  return Promise.resolve(undefined)
}

function loadsAsStylesheet(href: string): Promise<boolean> {
  return new Promise((answer) => {
    const link = document.createElement('link')
    link.rel = 'stylesheet'
    link.media = 'not all'
    link.href = href
    const done = (found: boolean) => {
      link.remove()
      answer(found)
    }
    link.addEventListener('load', () => done(true))
    link.addEventListener('error', () => done(false))
    document.head.append(link)
  })
}
