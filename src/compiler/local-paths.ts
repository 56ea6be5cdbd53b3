/** Paths a slide names, resolved inside the project and encoded as URL paths. */

/** A decoded project path as a URL path: each segment percent-encoded (`100%.png` -> `100%25.png`). */
export function encodePath(path: string): string {
  return path.split('/').map(encodeURIComponent).join('/')
}

/** Percent-decoded text, or the text as written when it is not valid percent-encoding (`100%.png`). */
export function safeDecode(text: string, decode: (s: string) => string): string {
  try {
    return decode(text)
  } catch {
    return text
  }
}

/** Project-relative posix path of `href` from a slide file, or null when it escapes the project. */
export function resolveLocal(file: string, href: string): string | null {
  const parts = file.split('/').slice(0, -1)
  for (const p of safeDecode(href, decodeURI).split('/')) {
    if (p === '..') {
      if (parts.length === 0) return null
      parts.pop()
    } else if (p !== '.' && p !== '') parts.push(p)
  }
  return href.startsWith('/') ? null : parts.join('/')
}
