/**
 * The first slide is pre-rendered in the HTML and laid out by the stylesheet alone (docs/performance.md "The
 * first slide is painted before any script"), so reveal.js (~120 kB) waits until that slide's
 * frame is drawn (`afterFirstFrame`), and what reveal does not need to get ready until the frame
 * is on screen (`afterFirstPaint`): nothing the slide does not need competes with painting it.
 * Pure of reveal.js; used by main.ts.
 */
import './first-paint.css'

/**
 * Runs `start` once, when the first frame with content has been presented (the browser's
 * first-contentful-paint entry), and at once in a hidden tab, which draws no frames. Not a
 * frame count: on a loaded machine a frame reaches the screen well after the next ones are
 * drawn, and a download would compete with it. A page showing no text starts
 * two frames in (a slide with no text or image is never "contentful"), as does every page in a
 * browser that reports no paints; any page 3 s after its first frame at the latest (fonts may
 * hold text back that long).
 */
export function afterFirstPaint(start: () => void): void {
  let started = false
  let observer: PerformanceObserver | undefined
  const go = () => {
    if (started) return
    started = true
    observer?.disconnect()
    removeEventListener('visibilitychange', onHidden)
    start()
  }
  const onHidden = () => {
    if (document.visibilityState === 'hidden') go()
  }
  if (typeof PerformanceObserver === 'function' && PerformanceObserver.supportedEntryTypes?.includes('paint')) {
    observer = new PerformanceObserver((list) => {
      if (list.getEntriesByName('first-contentful-paint').length) go()
    })
    observer.observe({ type: 'paint', buffered: true })
  }
  requestAnimationFrame(() => {
    setTimeout(go, 3000)
    if (!observer || !document.body.innerText.trim()) requestAnimationFrame(go)
  })
  addEventListener('visibilitychange', onHidden)
  onHidden()
}

/**
 * Runs `start` once the first frame's own work is done (its style, layout and paint; the frame
 * may not be on screen yet), or at once in a hidden tab.
 */
export function afterFirstFrame(start: () => void): void {
  if (document.visibilityState === 'hidden') {
    start()
    return
  }
  requestAnimationFrame(() => setTimeout(start, 0))
}

/** The font faces no shown text has asked for yet (the first slide's are preloaded): load them now. */
export function loadOtherFonts(): void {
  document.fonts.forEach((face) => {
    if (face.status === 'unloaded') face.load().catch(() => undefined)
  })
}
