import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningApp } from '../../server/app.ts';
import { startTestServer } from '../helpers/server.ts';
import { reportDispute } from '../helpers/warning-world.ts';
import { expectOk, World } from '../helpers/world.ts';

let app: RunningApp;
let world: World;

beforeAll(async () => {
  // The test servers' default: EARLY_WARNING=off.
  app = await startTestServer();
  world = await World.create(app);
});
afterAll(async () => {
  await app?.close();
});

describe('EARLY_WARNING=off (#15)', () => {
  it('matches nothing: no sightings, no warnings, no level events, no work orders', async () => {
    const centre = await world.api.login('centre');
    const where = { orgId: 'baicheng', areaCode: '370785001001' };
    const ids = [await reportDispute(centre, 'hotline', 'OFF-1', undefined, where), await reportDispute(centre, 'police', 'OFF-2', undefined, where), await reportDispute(centre, 'petition', 'OFF-3', undefined, where)];
    expect((await expectOk(world.admin.get('/warnings'))).body).toEqual([]);
    expect((await expectOk(world.admin.get('/work-orders'))).body).toEqual([]);
    expect(await app.services.store.kv.keys('sighting:')).toEqual([]);
    for (const id of ids) expect((await app.services.cases.load(id)).events.map((e) => e.type)).not.toContain('warning.level_changed');
  });
});
