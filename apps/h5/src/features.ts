import type { RouteLocationRaw } from 'vue-router';

/** Every patient- or staff-facing service the H5 pages offer or will offer. */
export const features = [
  'booking',
  'appointments',
  'patients',
  'reports',
  'inpatient',
  'repair',
  'loan',
  'articles',
] as const;
export type Feature = (typeof features)[number];

export function isFeature(value: unknown): value is Feature {
  return typeof value === 'string' && (features as readonly string[]).includes(value);
}

/**
 * Pages that exist, by feature. A feature without a page links to the "coming soon" page, so
 * a new page only needs its route here to light up every entry that points at it.
 */
const featureRoutes: Partial<Record<Feature, string>> = {
  booking: 'booking',
  appointments: 'appointments',
  patients: 'patients',
  articles: 'articles',
  repair: 'repair',
  loan: 'lending-me',
};

/** Where an entry for this feature should go. */
export function featureLink(feature: Feature): RouteLocationRaw {
  const name = featureRoutes[feature];
  return name ? { name } : { name: 'coming-soon', params: { feature } };
}

/** The service grid on the home page, in the order the hospital wants them seen. */
export const homeServices: readonly { feature: Feature; icon: string }[] = [
  { feature: 'booking', icon: 'calendar-o' },
  { feature: 'appointments', icon: 'todo-list-o' },
  { feature: 'patients', icon: 'friends-o' },
  { feature: 'reports', icon: 'description-o' },
  { feature: 'inpatient', icon: 'hotel-o' },
  { feature: 'repair', icon: 'setting-o' },
  { feature: 'loan', icon: 'exchange' },
  { feature: 'articles', icon: 'notes-o' },
];
