// What every part of the sandbox shares.
import type { Clock } from './clock';
import type { ResolvedConfig } from './config';
import type { Faults } from './faults';
import type { PayNotifier } from './pay/notify';
import type { Pusher } from './push/pusher';
import type { Store } from './store';

/** The sandbox's configuration, memory, clock, armed faults and outgoing deliveries. */
export interface Ctx {
  config: ResolvedConfig;
  store: Store;
  clock: Clock;
  faults: Faults;
  pusher: Pusher;
  payNotifier: PayNotifier;
}
