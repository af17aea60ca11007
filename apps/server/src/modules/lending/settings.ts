import type { LendingSettings } from '@zhangyi/contracts';
import type { Deps, RequestMeta } from '../../context';
import type { Executor } from '../../db/client';
import { recordAudit } from '../audit/service';
import { lendingSettings } from './schema';

/** The centre's settings, defaults until a manager saves them. */
export async function lendingSettingsOf(db: Executor): Promise<LendingSettings> {
  const [row] = await db.select().from(lendingSettings);
  return {
    emergencyConfirmHours: row?.emergencyConfirmHours ?? 24,
    fleetWaitTargetPct: row?.fleetWaitTargetPct ?? 5,
  };
}

/** Saves the settings; audited. */
export async function saveLendingSettings(
  deps: Deps,
  meta: RequestMeta,
  body: LendingSettings,
): Promise<LendingSettings> {
  await deps.db.transaction(async (tx) => {
    await tx
      .insert(lendingSettings)
      .values({ id: 1, ...body, updatedAt: deps.clock.now() })
      .onConflictDoUpdate({
        target: lendingSettings.id,
        set: { ...body, updatedAt: deps.clock.now() },
      });
    await recordAudit(tx, meta, { action: 'lending.settings', result: 'success', details: body });
  });
  return lendingSettingsOf(deps.db);
}
