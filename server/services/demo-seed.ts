import type { Logger } from '../logger.ts';
import type { Principal } from '../auth/principal.ts';
import type { Services } from './compose.ts';

export const DEMO_PASSWORD = 'mediation-demo';

export const DEMO_ACCOUNTS = [
  { username: 'admin', displayName: '系统管理员', role: 'admin' as const },
  { username: 'mediator', displayName: '李调解', role: 'mediator' as const, orgId: 'baicheng' },
  { username: 'grid', displayName: '王网格', role: 'grid_worker' as const, orgId: 'baicheng' },
  { username: 'judge', displayName: '赵法官', role: 'judge' as const, courtId: 'gaomi-court' },
  // The window of the one-stop centre (#14): dispatches the organisation's cases.
  { username: 'centre', displayName: '陈窗口', role: 'centre_staff' as const, orgId: 'baicheng' },
];

/**
 * Demo data for `npm start`: an organisation, a court, one account per role and a case with two
 * parties and a scheduled session. Written once per data directory.
 */
export async function seedDemo(services: Services, log: Logger): Promise<void> {
  const { store } = services;
  // Its own flag, so a demo data directory from before the registry existed gets it too.
  if (!(await store.kv.get('demo:seeded'))) await seedDemoCase(services, log);
  await seedDemoGrids(services);
}

/** A small grid registry under the demo organisation: one town, two communities, their grids. */
export const DEMO_GRIDS = [
  { code: '370785001', name: '柏城镇', level: 'town' as const, orgId: 'baicheng', courtId: 'gaomi-court' },
  { code: '370785001001', name: '东关社区', level: 'community' as const, parentCode: '370785001' },
  { code: '370785001001001', name: '第1网格', level: 'grid' as const, parentCode: '370785001001' },
  { code: '370785001001002', name: '第2网格', level: 'grid' as const, parentCode: '370785001001' },
  { code: '370785001001003', name: '第3网格', level: 'grid' as const, parentCode: '370785001001' },
  { code: '370785001002', name: '西关社区', level: 'community' as const, parentCode: '370785001' },
  { code: '370785001002001', name: '第1网格', level: 'grid' as const, parentCode: '370785001002' },
];

async function seedDemoGrids(services: Services): Promise<void> {
  const { store, accounts, gridRegistry } = services;
  if (await store.kv.get('demo:grids-seeded')) return;
  const adminId = await store.kv.get<string>('account-username:admin');
  const account = adminId && (await accounts.get(adminId));
  if (!account) return;
  const admin: Principal = { kind: 'staff', account, jti: 'demo-seed', tokenExpiresAt: 0 };
  const { registry } = await gridRegistry.current();
  for (const node of DEMO_GRIDS) if (!registry[node.code]) await gridRegistry.addNode(admin, node);
  await store.kv.set('demo:grids-seeded', { at: services.clock.now().toISOString() });
}

async function seedDemoCase(services: Services, log: Logger): Promise<void> {
  const { store, directory, accounts, commands, clock } = services;
  await directory.addOrg({ orgId: 'baicheng', name: '柏城镇人民调解委员会', areaCodes: ['370785'] }).catch(() => undefined);
  await directory.addCourt({ courtId: 'gaomi-court', name: '高密市人民法院', areaCodes: ['370785'] }).catch(() => undefined);
  for (const account of DEMO_ACCOUNTS) await accounts.create({ ...account, password: DEMO_PASSWORD }).catch(() => undefined);

  const mediatorId = (await store.kv.get<string>('account-username:mediator'))!;
  const mediator: Principal = { kind: 'staff', account: (await accounts.get(mediatorId))!, jti: 'demo-seed', tokenExpiresAt: 0 };
  // The demo mediator appears in the public directory residents choose from when applying.
  await services.mediatorProfiles.update(mediator, mediatorId, { listed: true, speciality: '邻里纠纷、婚姻家庭纠纷、民间借贷纠纷', introduction: '从事人民调解工作十二年。' });
  const opened = await commands.open(mediator, {
    channel: 'grid_report',
    disputeType: 'neighbour',
    title: '楼上漏水致楼下天花板受损纠纷',
    summary: '申请人称被申请人家卫生间防水层老化，持续渗水导致其客厅天花板发霉脱落，要求维修并赔偿损失；被申请人对损失金额有异议。',
    areaCode: '370785001',
    grid: '柏城镇第三网格',
  });
  await commands.accept(mediator, opened.caseId);
  await commands.addParticipant(mediator, opened.caseId, { role: 'applicant', personKind: 'natural', name: '张建国', sex: 'male', ethnicity: '汉族', idNumber: '11010519491231002X', phone: '13812345678' });
  await commands.addParticipant(mediator, opened.caseId, { role: 'respondent', personKind: 'natural', name: '刘秀英', sex: 'female', ethnicity: '汉族' });
  await commands.scheduleSession(mediator, opened.caseId, new Date(clock.now().getTime() + 24 * 3600_000).toISOString());
  await store.kv.set('demo:seeded', { at: clock.now().toISOString() });
  log.info({ usernames: DEMO_ACCOUNTS.map((a) => a.username), password: DEMO_PASSWORD }, `demo accounts ready (password "${DEMO_PASSWORD}")`);
}
