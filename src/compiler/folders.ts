import { realpathSync } from 'node:fs'
import { isAbsolute, join, relative, sep } from 'node:path'

/** The folders whose files a slide may show or link: the deck's own, never the rest of the project. */
export const SERVED_FOLDERS = ['assets', 'slides'] as const

/**
 * Where `path` (project-relative, existing) really leads, by realpath, when that is not inside
 * `assets/` or `slides/`: a symbolic link out of them, or any other project file. Undefined when
 * it is inside.
 */
export function outsideServedFolders(root: string, path: string, folders: readonly string[] = SERVED_FOLDERS): string | undefined {
  let real: string
  try {
    real = realpathSync(join(root, path))
  } catch {
    return undefined
  }
  const inside = folders.some((dir) => {
    try {
      const rel = relative(realpathSync(join(root, dir)), real)
      return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel)
    } catch {
      return false
    }
  })
  if (inside) return undefined
  const rel = relative(realpathSync(root), real)
  return rel.startsWith('..') || isAbsolute(rel) ? real : rel.split(sep).join('/')
}
