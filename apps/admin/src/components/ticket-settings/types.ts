import type { useTicketSettings } from '../../composables/useTicketSettings';
import type { useTicketSettingsEditors } from '../../composables/useTicketSettingsEditors';

/** The ticket settings page's lists and SLA form, shared by its tabs. */
export type TicketSettings = ReturnType<typeof useTicketSettings>;

/** The page's editors (one saving state for all dialogs), shared by its tabs. */
export type TicketSettingsEditors = ReturnType<typeof useTicketSettingsEditors>;
