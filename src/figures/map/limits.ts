/**
 * Every limit that bounds a map's work, in one place: validation caps what a spec may hold, and the
 * label solver's cost follows from these (labels × candidates × sweeps), so the largest spec the
 * validation accepts is placed in bounded time.
 */
export const MAP_LIMITS = {
  /** Most items in one list (countries, context, places, seas, labels, routes, areas). */
  items: 16,
  /** Most points in a route's path or an area's polygon. */
  pathPoints: 64,
  /** Largest radius of an `around` area, in km (a quarter of the Earth's circumference). */
  areaKm: 10000,
  /** Candidate positions the solver keeps per label (the cheapest ones). */
  candidates: 72,
  /** Annealing moves per label; the search makes at most `sweeps × labels` moves. */
  sweeps: 400,
  /** Repair passes over the labels after the annealing. */
  repairPasses: 4,
} as const
