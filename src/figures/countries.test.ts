import { describe, expect, it } from 'vitest'
import countries from 'world-atlas/countries-50m.json' with { type: 'json' }
import { closestName, resolveCountry } from './countries.ts'
import { computeCountryTable } from './countries-gen.ts'
import { COUNTRY_TABLE } from './countries-table.ts'

describe('country names and codes', () => {
  it.each([
    ['Russia', '643'],
    ['russian federation', '643'],
    ['IRAN', '364'],
    ['IRN', '364'],
    ['ir', '364'],
    [364, '364'],
    ['051', '051'],
    ['USA', '840'],
    ['United States', '840'],
    ['U.S.', '840'],
    ['UK', '826'],
    ['Great Britain', '826'],
    ['Laos', '418'],
    ["Lao People's Democratic Republic", '418'],
    ['Viet Nam', '704'],
    ["Côte d'Ivoire", '384'],
    ['Cote d’Ivoire', '384'],
    ['Congo', '178'],
    ['DRC', '180'],
    ['Kosovo', 'Kosovo'],
  ])('%j is country %s', (input, key) => {
    const r = resolveCountry(input)
    expect('country' in r && r.country.key).toBe(key)
  })

  it('keeps the author’s spelling of a name, and gives the usual name for a code', () => {
    const named = resolveCountry('Türkiye')
    const coded = resolveCountry('USA')
    expect('country' in named && named.country.name).toBe('Türkiye')
    expect('country' in coded && coded.country.name).toBe('United States')
  })

  it.each([
    ['Laoss', 'Laos'],
    ['Germny', 'Germany'],
    ['Cambodja', 'Cambodia'],
    ['Argentinia', 'Argentina'],
  ])('suggests the closest name for %j', (input, near) => {
    const r = resolveCountry(input)
    expect('error' in r && r.suggestion).toBe(near)
    expect(closestName(input)).toBe(near)
  })

  it('says when a real country is too small for the 1:50m borders', () => {
    const r = resolveCountry('Gibraltar')
    expect('error' in r && r.error).toMatch(/too small .*mark it as a place/)
  })

  it('rejects a numeric code that names no country', () => {
    expect(resolveCountry(999)).toEqual({ error: 'no country has the ISO 3166 numeric code 999' })
  })

  it('has a table that matches the world-atlas borders it is built from', () => {
    expect(COUNTRY_TABLE).toEqual(computeCountryTable(countries))
  })
})
