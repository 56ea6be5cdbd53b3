/**
 * The measuring code that runs inside the deck's page. It is a plain-JavaScript string on
 * purpose: functions handed to `page.evaluate` from TypeScript run through tsx/esbuild can
 * carry helper calls (`__name`) that do not exist in the page. The shapes it returns are
 * typed below and read by `browser.ts`.
 */

export interface SlideRef {
  id: string
  file: string
  h: number
  v: number
}

export interface Overflow {
  /** Slide pixels beyond the slide box (or beyond the clipping box for `cut`). */
  px: number
  side: string
  what: string
  /** `outside`: reaches outside the slide; `cut`: text or a figure cut off by a box that clips it. */
  kind: 'outside' | 'cut'
}

export interface SmallText {
  px: number
  min: number
  what: string
  tier: 'body' | 'caption'
  /** The figure drawing it, for SVG text: reported as one finding per figure. */
  figure?: string
}

/** Slide content lying under the deck's own controls (arrows, slide number, edition link). */
export interface Covered {
  what: string
  /** Which control covers it. */
  by: string
  /** Size of the overlap, in slide pixels. */
  w: number
  h: number
}

/** Slide content in the outer 5% of the slide (where a projector may crop it), in slide pixels. */
export interface MarginIntrusion {
  what: string
  side: string
  px: number
}

export interface Inspection {
  id: string
  /** Screen pixels per slide pixel, measured. */
  scale: number
  /** reveal.js's own `deck.getScale()`. */
  revealScale: number
  overflow: Overflow[]
  smallText: SmallText[]
  covered: Covered[]
  /** Slide content in the slide's outer 5% on any side, deepest first. */
  margin: MarginIntrusion[]
  missingText: string[]
  headings: string[]
  badLinks: string[]
  /** Relative links to files, to fetch from Node. */
  fileLinks: string[]
}

export interface DocInspection {
  missingText: string[]
  headings: string[]
  badLinks: string[]
  fileLinks: string[]
}

export const SLIDE_WIDTH = 1280
export const SLIDE_HEIGHT = 720
/** Minimum rendered text size in slide pixels: 3% of the height for body text, 2.2% for captions. */
export const MIN_BODY_PX = SLIDE_HEIGHT * 0.03
export const MIN_CAPTION_PX = SLIDE_HEIGHT * 0.022

export const IN_PAGE_SOURCE = `
(() => {
  const MIN_BODY = ${MIN_BODY_PX};
  const MIN_CAPTION = ${MIN_CAPTION_PX};
  const W = ${SLIDE_WIDTH};
  const CAPTION = 'small, figcaption, .caption, cite';

  function describe(el) {
    const tag = el.tagName.toLowerCase();
    const raw = el.getAttribute('class') || '';
    const cls = raw.trim() ? '.' + raw.trim().split(/\\s+/).slice(0, 2).join('.') : '';
    const text = (el.textContent || '').replace(/\\s+/g, ' ').trim();
    return tag + cls + (text ? ' "' + (text.length > 48 ? text.slice(0, 47) + '…' : text) + '"' : '');
  }

  function shortSrc(src) {
    if (src.startsWith('data:')) return src.slice(0, src.indexOf(',') > 0 ? Math.min(src.indexOf(','), 30) : 30) + ',… (inlined by the build)';
    return src.length > 80 ? src.slice(0, 79) + '…' : src;
  }

  function visuallyHidden(el) {
    for (let e = el; e && e.nodeType === 1; e = e.parentElement) {
      const cs = getComputedStyle(e);
      if (cs.clipPath === 'inset(50%)' || (cs.position === 'absolute' && cs.clip && cs.clip.startsWith('rect(0'))) return true;
      if (e.getAttribute('aria-hidden') === 'true' && e.tagName.toLowerCase() !== 'svg') return true;
      if (e.matches('.reveal .slides section, .reveal .slides aside')) break;
    }
    const r = el.getBoundingClientRect();
    return r.width <= 1 && r.height <= 1;
  }

  function shown(el) {
    if (el.closest('aside.notes')) return false;
    if (el.getClientRects().length === 0) return false;
    if (el.checkVisibility && !el.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true })) return false;
    return !visuallyHidden(el);
  }

  function clips(el) {
    if (el instanceof SVGSVGElement) return getComputedStyle(el).overflow !== 'visible';
    if (el instanceof SVGElement) return false;
    const cs = getComputedStyle(el);
    return cs.overflowX !== 'visible' || cs.overflowY !== 'visible';
  }

  function hasOwnText(el) {
    for (const n of el.childNodes) if (n.nodeType === 3 && n.textContent.trim()) return true;
    return false;
  }

  function slides() {
    return [...document.querySelectorAll('.reveal .slides section[id]')]
      .filter((s) => !s.querySelector('section'))
      .map((s) => {
        const i = window.deck.getIndices(s);
        return { id: s.id, file: s.dataset.file || (s.parentElement && s.parentElement.dataset.file) || '', h: i.h, v: i.v || 0 };
      });
  }

  function showAllFragments() {
    let guard = 0;
    while (window.deck.nextFragment() && guard++ < 200) {}
  }

  function headingsOf(root) {
    const out = [];
    let prev = 0;
    for (const h of root.querySelectorAll('h1, h2, h3, h4, h5, h6')) {
      if (h.closest('aside.notes') || h.getClientRects().length === 0) continue;
      const level = Number(h.tagName[1]);
      const ok = prev === 0 ? level <= 2 : level <= prev + 1;
      if (!ok) out.push((prev ? 'h' + prev + ' is followed by ' : 'the first heading is ') + describe(h) + ' (h' + level + ')');
      prev = level;
    }
    return out;
  }

  function svgName(svg) {
    if (svg.getAttribute('aria-label') && svg.getAttribute('aria-label').trim()) return true;
    const ids = (svg.getAttribute('aria-labelledby') || '').split(/\\s+/).filter(Boolean);
    if (ids.some((id) => { const e = document.getElementById(id); return e && e.textContent.trim(); })) return true;
    const t = svg.querySelector(':scope > title');
    return !!(t && t.textContent.trim());
  }

  function missingTextOf(root) {
    const out = [];
    const decorative = (e) => e.getAttribute('aria-hidden') === 'true' || e.getAttribute('role') === 'presentation' || e.getAttribute('role') === 'none';
    for (const img of root.querySelectorAll('img')) {
      if (img.closest('aside.notes')) continue;
      const alt = img.getAttribute('alt');
      if (!decorative(img) && (alt === null || !alt.trim())) out.push('image ' + shortSrc(img.getAttribute('src') || '') + ' has no text equivalent: write what it shows between the brackets, ![what it shows](path), or alt="…"');
    }
    for (const svg of root.querySelectorAll('svg')) {
      if (svg.parentElement && svg.parentElement.closest('svg')) continue;
      if (svg.closest('aside.notes') || decorative(svg)) continue;
      const fig = svg.closest('figure');
      const caption = fig && fig.querySelector('figcaption');
      if (!svgName(svg) && !(caption && caption.textContent.trim())) out.push('figure ' + describe(svg) + ' has no text equivalent (no title, aria-label or figcaption)');
    }
    for (const fig of root.querySelectorAll('figure')) {
      if (fig.closest('aside.notes')) continue;
      const caption = fig.querySelector('figcaption');
      const named = [...fig.querySelectorAll('img[alt]:not([alt=""]), svg')].some((e) => e.tagName.toLowerCase() === 'img' || svgName(e));
      if (!(caption && caption.textContent.trim()) && !named) out.push('figure ' + describe(fig) + ' has no text equivalent');
    }
    return out;
  }

  function linksOf(root) {
    const bad = [];
    const files = [];
    const ids = new Set([...document.querySelectorAll('.reveal .slides section[id]')].map((s) => s.id));
    for (const a of root.querySelectorAll('a[href]')) {
      const href = a.getAttribute('href');
      if (href.startsWith('#/')) {
        const target = decodeURIComponent(href.slice(2).split('/')[0] || '');
        if (target && !/^\\d+$/.test(target) && !ids.has(target) && !document.getElementById(target)) bad.push('link "' + href + '" (' + describe(a) + ') leads to no slide');
      } else if (href.startsWith('#')) {
        if (href.length > 1 && !document.getElementById(decodeURIComponent(href.slice(1)))) bad.push('link "' + href + '" (' + describe(a) + ') leads to no element on the page');
      } else if (!/^[a-z][a-z0-9+.-]*:/i.test(href) && !href.startsWith('//')) {
        files.push(new URL(href, location.href).href.split('#')[0]);
      }
    }
    return { bad, files };
  }

  // The deck's own controls that sit over the slide: reveal's arrows and slide number, and the
  // link to the reading edition. Content under them is hidden or hard to read while presenting.
  const CHROME = [
    ['.reveal .controls button.enabled .controls-arrow', 'navigation arrow'],
    ['.reveal .slide-number', 'slide number'],
    ['.deck-edition-link', 'reading-edition link'],
  ];

  function chromeBoxes() {
    const out = [];
    for (const [sel, name] of CHROME) {
      for (const el of document.querySelectorAll(sel)) {
        if (el.getClientRects().length === 0) continue;
        if (el.checkVisibility && !el.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true })) continue;
        const r = el.getBoundingClientRect();
        if (r.width > 0 && r.height > 0) out.push({ by: name, r });
      }
    }
    return out;
  }

  /** What the slide draws: line boxes of its text, its images, and the shapes of its figures. */
  function inkBoxes(section) {
    const out = [];
    const walker = document.createTreeWalker(section, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement;
      if (!n.textContent.trim() || !el || !shown(el) || el instanceof SVGElement) continue;
      const range = document.createRange();
      range.selectNodeContents(n);
      for (const r of range.getClientRects()) out.push({ what: describe(el), r });
    }
    for (const el of section.querySelectorAll('img, svg rect, svg path, svg circle, svg polygon, svg line, svg text')) {
      if (!shown(el)) continue;
      out.push({ what: describe(el), r: el.getBoundingClientRect() });
    }
    return out;
  }

  // Slide content in the outer 5% of the slide on any side (64 and 36 px at 1280x720: broadcast's
  // "title safe" area), which a projector's overscan may crop and which the theme keeps empty
  // (its frame's padding is wider): per element, the deepest side, in slide pixels.
  function marginIn(section, scale, box) {
    const inner = {
      left: box.left + 0.05 * box.width,
      right: box.right - 0.05 * box.width,
      top: box.top + 0.05 * box.height,
      bottom: box.bottom - 0.05 * box.height,
    };
    const found = new Map();
    for (const ink of inkBoxes(section)) {
      const r = ink.r;
      if (r.width <= 0 || r.height <= 0) continue;
      const sides = { left: inner.left - r.left, right: r.right - inner.right, top: inner.top - r.top, bottom: r.bottom - inner.bottom };
      for (const side of Object.keys(sides)) {
        const px = sides[side] / scale;
        if (px <= 1) continue;
        const prev = found.get(ink.what);
        if (!prev || px > prev.px) found.set(ink.what, { what: ink.what, side, px });
      }
    }
    return [...found.values()].sort((a, b) => b.px - a.px);
  }

  function coveredIn(section, scale) {
    const chrome = chromeBoxes();
    const found = new Map();
    for (const ink of inkBoxes(section)) {
      for (const c of chrome) {
        const w = Math.min(ink.r.right, c.r.right) - Math.max(ink.r.left, c.r.left);
        const h = Math.min(ink.r.bottom, c.r.bottom) - Math.max(ink.r.top, c.r.top);
        if (w <= 2 || h <= 2) continue;
        const key = ink.what + '|' + c.by;
        const prev = found.get(key);
        if (!prev || w * h > prev.w * prev.h * scale * scale) found.set(key, { what: ink.what, by: c.by, w: w / scale, h: h / scale });
      }
    }
    return [...found.values()];
  }

  function inspect() {
    const section = window.deck.getCurrentSlide();
    const box = document.querySelector('.reveal .slides').getBoundingClientRect();
    const scale = box.width / W;
    const overflow = [];
    const smallText = [];
    const seen = new Set();
    for (const el of section.querySelectorAll('*')) {
      if (!shown(el)) continue;
      const r = el.getBoundingClientRect();
      if (r.width === 0 && r.height === 0) continue;
      // The part of the element not clipped by a box between it and the slide.
      let vis = { left: r.left, right: r.right, top: r.top, bottom: r.bottom };
      for (let a = el.parentElement; a && a !== section; a = a.parentElement) {
        if (!clips(a)) continue;
        const c = a.getBoundingClientRect();
        const textual = hasOwnText(el) || el.tagName.toLowerCase() === 'text' || el.tagName.toLowerCase() === 'img' || el.tagName.toLowerCase() === 'figure' || (el instanceof SVGSVGElement);
        const isSvgClip = a instanceof SVGElement;
        if (textual && (!isSvgClip || el.closest('text'))) {
          const cut = Math.max(c.left - r.left, r.right - c.right, c.top - r.top, r.bottom - c.bottom) / scale;
          if (cut > 1.5) overflow.push({ px: cut, side: 'inside ' + describe(a).split(' ')[0], what: describe(el), kind: 'cut' });
        }
        vis = { left: Math.max(vis.left, c.left), right: Math.min(vis.right, c.right), top: Math.max(vis.top, c.top), bottom: Math.min(vis.bottom, c.bottom) };
      }
      if (vis.right <= vis.left || vis.bottom <= vis.top) continue;
      const sides = { left: box.left - vis.left, right: vis.right - box.right, top: box.top - vis.top, bottom: vis.bottom - box.bottom };
      let side = 'bottom';
      let px = -Infinity;
      for (const k of Object.keys(sides)) if (sides[k] > px) { px = sides[k]; side = k; }
      px = px / scale;
      if (px > 1) overflow.push({ px, side, what: describe(el), kind: 'outside' });
    }
    const walker = document.createTreeWalker(section, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      if (!n.textContent.trim()) continue;
      const el = n.parentElement;
      if (!el || seen.has(el) || !shown(el)) continue;
      seen.add(el);
      const fs = parseFloat(getComputedStyle(el).fontSize);
      let px;
      if (el instanceof SVGElement) {
        const m = el.getScreenCTM();
        px = m ? (fs * Math.hypot(m.a, m.b)) / scale : fs;
      } else {
        // CSS px inside the slide, times any transform or zoom between the text and the slide.
        px = fs;
        for (let a = el; a && a !== section; a = a.parentElement) {
          const cs = getComputedStyle(a);
          const m = /^matrix\\(([^,]+),\\s*([^,]+)/.exec(cs.transform);
          if (m) px *= Math.hypot(parseFloat(m[1]), parseFloat(m[2]));
          const z = parseFloat(cs.zoom);
          if (z && z !== 1) px *= z;
        }
      }
      // Text drawn in a figure is held to the body minimum (3 %): it is read from the back of the room.
      const caption = el.closest(CAPTION) && !(el instanceof SVGElement);
      const min = caption ? MIN_CAPTION : MIN_BODY;
      const fig = el instanceof SVGElement ? el.closest('figure') : null;
      const item = { px, min, what: describe(el), tier: caption ? 'caption' : 'body' };
      if (fig) item.figure = describe(fig).split(' ')[0];
      if (px < min - 0.05) smallText.push(item);
    }
    const links = linksOf(section);
    return {
      id: section.id,
      scale,
      revealScale: window.deck.getScale(),
      overflow,
      smallText,
      covered: coveredIn(section, scale),
      margin: marginIn(section, scale, box),
      missingText: missingTextOf(section),
      headings: headingsOf(section),
      badLinks: links.bad,
      fileLinks: links.files,
    };
  }

  function inspectDocument() {
    const links = linksOf(document);
    return { missingText: missingTextOf(document.body), headings: headingsOf(document.body), badLinks: links.bad, fileLinks: links.files };
  }

  window.__deckCheck = { slides, showAllFragments, inspect, inspectDocument };
})();
`
