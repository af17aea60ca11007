import type { usePool } from '../../composables/usePool';
import type { usePoolChanges } from '../../composables/usePoolChanges';

/** The lending pool's filters, devices and lendable categories, shared by the page's sections. */
export type Pool = ReturnType<typeof usePool>;

/** Adding and removing pool devices and lendable categories, shared by the page's sections. */
export type PoolChanges = ReturnType<typeof usePoolChanges>;
