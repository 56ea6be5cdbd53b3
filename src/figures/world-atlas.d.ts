// Types for the one world-atlas file the map imports. Declared here (an ambient module wins over the
// JSON resolved by `resolveJsonModule`) so that tsc does not infer a type from 750 KB of JSON.
declare module 'world-atlas/countries-50m.json' {
  import type { GeometryCollection, Topology } from 'topojson-specification'

  /** Natural Earth 1:50m admin-0 countries; `id` is the ISO 3166-1 numeric code as a string ("364"). */
  const topology: Topology<{
    countries: GeometryCollection<{ name: string }>
    land: GeometryCollection
  }>
  export default topology
}
