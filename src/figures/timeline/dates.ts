/** A timeline's dates: parsed from what the author wrote, drawn short, written out in words. */

export interface TimelineDate {
  /** As the author wrote it: `1995`, `1995-04` or `1995-04-12`. */
  raw: string
  year: number
  month?: number
  day?: number
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December']

/** Parses `YYYY`, `YYYY-MM` or `YYYY-MM-DD` (YAML reads a bare year as a number); an error message otherwise. */
export function parseDate(value: unknown): TimelineDate | string {
  const raw = typeof value === 'number' && Number.isInteger(value) ? String(value) : typeof value === 'string' ? value.trim() : undefined
  const m = raw === undefined ? null : /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(raw)
  const hint = 'write "YYYY", "YYYY-MM" or "YYYY-MM-DD" (e.g. "1995", "1995-04", "1995-04-12"), or leave "date" out for an undated event'
  if (!raw || !m) return `"date" ${raw === undefined ? `must be text, not ${JSON.stringify(value)}` : `"${raw}" is not a date`}: ${hint}`
  const year = Number(m[1])
  const month = m[2] === undefined ? undefined : Number(m[2])
  const day = m[3] === undefined ? undefined : Number(m[3])
  if (month !== undefined && (month < 1 || month > 12)) return `"date" "${raw}" has month ${m[2]}: months run 01 to 12`
  if (month !== undefined && day !== undefined) {
    const days = new Date(Date.UTC(year, month, 0)).getUTCDate()
    if (day < 1 || day > days) return `"date" "${raw}" has day ${m[3]}, but ${MONTHS[month - 1]} ${year} has ${days} days`
  }
  return { raw, year, ...(month !== undefined ? { month } : {}), ...(day !== undefined ? { day } : {}) }
}

/** The date as drawn: `1995`, `Apr 1995`, `12 Apr 1995`. */
export function shortDate(d: TimelineDate): string {
  if (d.month === undefined) return String(d.year)
  const mon = (MONTHS[d.month - 1] ?? '').slice(0, 3)
  return d.day === undefined ? `${mon} ${d.year}` : `${d.day} ${mon} ${d.year}`
}

/** The date in words, for the text equivalent: `April 1995`. */
export function longDate(d: TimelineDate): string {
  if (d.month === undefined) return String(d.year)
  const mon = MONTHS[d.month - 1] ?? ''
  return d.day === undefined ? `${mon} ${d.year}` : `${d.day} ${mon} ${d.year}`
}

/** Years as a number, for the scale. */
export function timeOf(d: TimelineDate): number {
  return d.year + ((d.month ?? 1) - 1) / 12 + ((d.day ?? 1) - 1) / 365
}
