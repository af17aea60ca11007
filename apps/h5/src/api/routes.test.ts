import { describe, expect, it } from 'vitest';
import * as contracts from '@zhangyi/contracts';
import * as light from './routes';

const tables = ['repairRoutes', 'engineerRoutes', 'staffBindingRoutes', 'lendingRoutes'] as const;

describe('light route tables', () => {
  for (const table of tables) {
    it(`match the contracts' ${table} route for route`, () => {
      const pick = (routes: Record<string, { method: string; path: string }>) =>
        Object.fromEntries(Object.entries(routes).map(([k, r]) => [k, `${r.method} ${r.path}`]));
      expect(pick(light[table])).toEqual(pick(contracts[table]));
    });
  }
});
