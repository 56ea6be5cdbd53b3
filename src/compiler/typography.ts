/**
 * Typographic quotes and dashes in the slides' text: marked-smartypants, made cheap where it
 * would change nothing.
 */
import { markedSmartypants } from 'marked-smartypants'

/** marked-smartypants' split of HTML into tags (and comments) and the text between them. */
const RE_SMARTY_TAG = /<!--[\s\S]*?-->|<\?.*?\?>|<[^>]*>/g
/** What smartypants (its setting 2) changes in text: backslash escapes, quotes, backticks, `--`, `...` and `. . .`. */
const RE_SMARTY_TEXT = /[\\'"`]|--|\.\.|\. \./

/**
 * marked-smartypants, with its postprocess hook skipped for HTML whose text (between the tags,
 * split as it splits it) holds nothing it changes: then it would give the text back as it is,
 * after compiling a dozen regular expressions for each run of text (most of a paragraph of
 * plain notes' typesetting time).
 */
export function typography(): ReturnType<typeof markedSmartypants> {
  const ext = markedSmartypants()
  const postprocess = ext.hooks?.postprocess
  if (!postprocess) return ext
  return {
    ...ext,
    hooks: {
      ...ext.hooks,
      postprocess(html: string) {
        return RE_SMARTY_TEXT.test(html.replace(RE_SMARTY_TAG, '\0')) ? postprocess.call(this, html) : html
      },
    },
  }
}
