/**
 * Country names and codes for the map: what an author may write in `countries:` (an English name
 * or a common variant, ISO 3166-1 alpha-2, alpha-3 or numeric code) resolved to a shape of
 * world-atlas's 1:50m borders. Code tables and English names come from i18n-iso-countries; the
 * shapes' own names (world-atlas) are accepted too. No topology is read here.
 */
import isoCountries from 'i18n-iso-countries'
import en from 'i18n-iso-countries/langs/en.json' with { type: 'json' }
import { editDistance } from '../text/did-you-mean.ts'
import { COUNTRY_TABLE } from './countries-table.ts'

isoCountries.registerLocale(en)

export type Bounds = [[number, number], [number, number]]

export interface Country {
  /** Key of the shape(s) in world-atlas: the ISO numeric id ("364"), or the name for the few shapes without one. */
  key: string
  /** A display name: the author's own spelling when they wrote a name, else the usual English name. */
  name: string
  /** Lon/lat box of the country's main parts ([[west, south], [east, north]]; west > east across 180°). */
  bounds: Bounds
}

interface Entry {
  key: string
  /** The usual English name (world-atlas's, unless abbreviated there). */
  canonical: string
  bounds: Bounds
  alpha2?: string
  alpha3?: string
}

/** Names people use that neither table has. Keys are normalised (see `normalise`). */
const EXTRA_NAMES: Record<string, string> = {
  britain: 'GB',
  england: 'GB',
  holland: 'NL',
  burma: 'MM',
  swaziland: 'SZ',
  'east timor': 'TL',
  drc: 'CD',
  'dr congo': 'CD',
  'congo kinshasa': 'CD',
  'congo brazzaville': 'CG',
  'republic of congo': 'CG',
  uae: 'AE',
  'vatican city': 'VA',
  'cape verde': 'CV',
  'north macedonia': 'MK',
  'the gambia': 'GM',
  bosnia: 'BA',
  'south sudan': 'SS',
}

/** Display names shorter than world-atlas's, by key. */
const SHORT_NAMES: Record<string, string> = { '840': 'United States', '180': 'DR Congo' }

/** Lower case, no accents, punctuation as spaces, no leading "the", single spaces. */
export function normalise(name: string): string {
  return name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/\./g, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
    .replace(/^the /, '')
}

interface Index {
  entries: Map<string, Entry>
  /** Normalised name → key. Earlier sources win: world-atlas names, then official names, then aliases. */
  byName: Map<string, string>
  /** Names offered in "did you mean" (display spelling), with their normalised form. */
  suggestions: Array<{ display: string; norm: string }>
  byAlpha2: Map<string, string>
  byAlpha3: Map<string, string>
  /** The same names without spaces ("Viet Nam" = "Vietnam"). */
  byCompact: Map<string, string>
}

let index: Index | undefined

function buildIndex(): Index {
  const entries = new Map<string, Entry>()
  const byName = new Map<string, string>()
  const byAlpha2 = new Map<string, string>()
  const byAlpha3 = new Map<string, string>()
  const suggestions: Index['suggestions'] = []
  const addName = (display: string, key: string, suggest: boolean) => {
    const norm = normalise(display)
    if (norm === '' || byName.has(norm)) return
    byName.set(norm, key)
    if (suggest) suggestions.push({ display, norm })
  }
  for (const [key, atlasName, w, s, e, n] of COUNTRY_TABLE) {
    const alpha2 = /^\d+$/.test(key) ? isoCountries.numericToAlpha2(key) : undefined
    const official = alpha2 ? isoCountries.getName(alpha2, 'en', { select: 'official' }) : undefined
    const canonical = SHORT_NAMES[key] ?? (atlasName.includes('.') && official ? official : atlasName)
    const entry: Entry = {
      key,
      canonical,
      bounds: [
        [w, s],
        [e, n],
      ],
    }
    if (alpha2) {
      entry.alpha2 = alpha2
      entry.alpha3 = isoCountries.alpha2ToAlpha3(alpha2)
      byAlpha2.set(alpha2, key)
      if (entry.alpha3) byAlpha3.set(entry.alpha3, key)
    }
    entries.set(key, entry)
    addName(canonical, key, true)
    addName(atlasName, key, false)
  }
  const all = isoCountries.getNames('en', { select: 'all' })
  // Official names first, so an alias shared by two countries ("Congo") goes to the one it names officially.
  for (const round of [0, 1]) {
    for (const [alpha2, names] of Object.entries(all)) {
      const key = byAlpha2.get(alpha2)
      if (!key) continue
      for (const name of round === 0 ? names.slice(0, 1) : names.slice(1)) addName(name, key, name.length > 3)
    }
  }
  for (const [name, alpha2] of Object.entries(EXTRA_NAMES)) {
    const key = byAlpha2.get(alpha2)
    if (key && !byName.has(name)) byName.set(name, key)
  }
  const byCompact = new Map<string, string>()
  for (const [name, key] of byName) if (!byCompact.has(name.replace(/ /g, ''))) byCompact.set(name.replace(/ /g, ''), key)
  return { entries, byName, suggestions, byAlpha2, byAlpha3, byCompact }
}

function getIndex(): Index {
  index ??= buildIndex()
  return index
}

export type Resolution = { country: Country } | { error: string; suggestion?: string }

/**
 * Finds the country an author means by `input`: a name (any case, accents optional, common
 * variants such as "Viet Nam", "USA", "UK"), an ISO 3166-1 alpha-2 or alpha-3 code, or a numeric
 * code (as a number or a string). Otherwise an error with the closest valid name.
 */
export function resolveCountry(input: string | number): Resolution {
  const ix = getIndex()
  const raw = String(input).trim()
  const found = (key: string, asWritten: boolean): Resolution => {
    const entry = ix.entries.get(key) as Entry
    return { country: { key, name: asWritten ? raw : entry.canonical, bounds: entry.bounds } }
  }
  if (typeof input === 'number' || /^\d{1,3}$/.test(raw)) {
    const key = raw.padStart(3, '0')
    if (ix.entries.has(key)) return found(key, false)
    return { error: `no country has the ISO 3166 numeric code ${raw}` }
  }
  const byName = ix.byName.get(normalise(raw)) ?? ix.byCompact.get(normalise(raw).replace(/ /g, ''))
  if (byName) return found(byName, raw !== raw.toLowerCase() && raw !== raw.toUpperCase())
  const upper = raw.toUpperCase()
  const byCode = raw.length === 2 ? ix.byAlpha2.get(upper) : raw.length === 3 ? ix.byAlpha3.get(upper) : undefined
  if (byCode) return found(byCode, false)
  if (/^[A-Za-z]{2,3}$/.test(raw) && isoCountries.isValid(upper)) {
    return { error: `"${raw}" (${isoCountries.getName(upper, 'en') ?? upper}) is too small to be drawn on the 1:50m world map; mark it as a place instead` }
  }
  const iso = isoCountries.getAlpha2Code(raw, 'en')
  if (iso && !ix.byAlpha2.has(iso)) return { error: `"${raw}" is too small to be drawn on the 1:50m world map; mark it as a place instead` }
  const suggestion = closestName(raw)
  const what = /^[A-Z]{2,3}$/.test(raw) ? 'not an ISO 3166 country code or a country name' : 'unknown country'
  return { error: what === 'unknown country' ? `unknown country "${raw}"` : `"${raw}" is ${what}`, ...(suggestion ? { suggestion } : {}) }
}

/** The valid name nearest to `input` (edit distance on normalised names; prefixes count as near). */
export function closestName(input: string): string | undefined {
  const norm = normalise(input)
  if (norm === '') return undefined
  let best: string | undefined
  let bestScore = Infinity
  for (const { display, norm: candidate } of getIndex().suggestions) {
    const d = Math.min(norm.length >= 4 && candidate.startsWith(norm) ? 0.2 : 1, editDistance(norm, candidate) / Math.max(norm.length, candidate.length))
    if (d < bestScore || (d === bestScore && best !== undefined && display < best)) {
      bestScore = d
      best = display
    }
  }
  return best
}
