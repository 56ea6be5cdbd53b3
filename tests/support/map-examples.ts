// Example maps and helpers shared by the map figure's tests (src/figures/map/*.test.ts).
import { expect } from 'vitest'
import { parse } from 'yaml'
import type { FigureIssue } from '../../src/figures/kinds.ts'
import { type MapSpec, mapFigure } from '../../src/figures/map/index.ts'

/** Validates a YAML map body; fails the test with the issues when it is invalid. */
export function specOf(yaml: string): MapSpec {
  const { spec, issues } = mapFigure.validate(parse(yaml))
  if (!spec) throw new Error(`invalid spec: ${JSON.stringify(issues)}`)
  return spec
}

/** The issues of a YAML map body that must not validate. */
export function issuesOf(yaml: string): FigureIssue[] {
  const { spec, issues } = mapFigure.validate(parse(yaml))
  expect(spec).toBeUndefined()
  return issues
}

export const MEKONG = `
title: "The Mekong: dams upstream, farmers downstream"
countries: [China, Laos, Thailand, Cambodia, Vietnam]
places:
  - { name: Xayaburi, at: [101.82, 19.25], note: "dam, 2019" }
  - { name: Phnom Penh, at: [104.92, 11.56] }
`

export const LITHIUM = `
title: "The lithium triangle"
countries: [Argentina, BOL, CL]          # a name, an alpha-3 and an alpha-2 code
context: [Peru, Brazil, Paraguay]
places:
  - { name: Salar de Uyuni, at: [-67.49, -20.13], note: "largest salt flat" }
  - { name: Salar de Atacama, at: [-68.25, -23.5] }
  - { name: Buenos Aires, at: [-58.38, -34.6] }
seas:
  - { name: Pacific Ocean, at: [-78, -30] }
`

export const SAHEL = `
title: "Lake Chad is shrinking"
countries:
  - { name: Chad, group: "Lake Chad Basin Commission" }
  - { name: NER, group: "Lake Chad Basin Commission" }
  - { name: 566, group: "Lake Chad Basin Commission" }
  - { name: Cameroon, group: "Lake Chad Basin Commission" }
  - { name: Sudan, colour: purple, note: "outside the basin" }
places:
  - { name: N'Djamena, at: [15.04, 12.13] }
  - { name: Maiduguri, at: [13.16, 11.83] }
labels:
  - { name: Lake Chad, at: [14.1, 13.2] }
marker: "City on the lake's shore"
`

/** A big country, a mid-sized one and a small one with a note, by the sea, with context (made up). */
export const PLATE = `
title: "Brazil and Argentina share the River Plate basin"
countries:
  - Brazil
  - Argentina
  - { name: Uruguay, note: "between the two" }
context: [Paraguay, Bolivia, Chile]
seas:
  - { name: Atlantic Ocean, at: [-42, -32], note: "the basin's outlet" }
places:
  - { name: Buenos Aires, at: [-58.38, -34.6], note: "the main port" }
  - { name: Brasília, at: [-47.88, -15.79] }
marker: "Place named in the report"
`

/** The eight places of both Black Sea reproducers. */
const BLACK_SEA_PLACES = `places:
  - { name: Sevastopol, at: [33.52, 44.62], note: "old fleet base" }
  - { name: Novorossiysk, at: [37.77, 44.72], note: "new base" }
  - { name: Odesa, at: [30.72, 46.48] }
  - { name: Kerch, at: [36.47, 45.36] }
  - { name: Constanța, at: [28.63, 44.17] }
  - { name: Istanbul, at: [28.98, 41.01] }
  - { name: Sochi, at: [39.72, 43.6] }
  - { name: Batumi, at: [41.64, 41.65] }`

/**
 * Issue 21's Black Sea map: eight places and a free label ("Abkhazia"), which the greedy placer
 * drew ~200 km from its point on top of "Novorossiysk / new base".
 */
export const BLACK_SEA = `
title: "The fleet moved east"
countries: [Russia, Ukraine, Turkey, Georgia]
context: [Romania, Bulgaria]
${BLACK_SEA_PLACES}
labels:
  - { name: Abkhazia, at: [41.2, 43.1] }
`

/** The variant where "Sevastopol / old fleet base" went off the Georgian coast on a long leader: Georgia as context with a note. */
export const BLACK_SEA_CONTEXT = `
title: "The fleet moved east"
countries: [Russia, Ukraine, Turkey]
context: [{ name: Georgia, note: "hosts no base" }, Romania, Bulgaria]
${BLACK_SEA_PLACES}
seas:
  - { name: Black Sea, at: [34, 43.2] }
`

/** Issue 21's routes and areas on the Black Sea: a corridor with an arrow, a closed box, a missile range. */
export const CORRIDOR = `
title: "Grain leaves Odesa along the western shore"
countries: [Ukraine, Romania, Turkey]
extent: [[26, 40.5], [38, 47.5]]
routes:
  - { name: "Grain corridor", path: [[30.7, 46.5], [30.2, 43.0], [28.9, 41.0]], arrow: true, note: "2023" }
areas:
  - { name: "Closed to shipping", polygon: [[30.5, 45.0], [33.0, 45.0], [33.0, 43.5], [30.5, 43.5]] }
  - { name: "Missile range", around: [33.5, 44.6], km: 300 }
places:
  - { name: Sevastopol, at: [33.52, 44.62], side: e }
`
