import path from 'node:path';
import { adoptStoredSecrets, forgetStoredPiiKey, loadKeyring, sealPassphrases } from '../auth/secrets.ts';
import { TokenService } from '../auth/tokens.ts';
import type { AppConfig } from '../config.ts';
import { openStore } from '../store/open-store.ts';
import type { Store } from '../store/store.ts';
import { AccountService } from './account-service.ts';
import { CaseCommands } from './case-commands.ts';
import { CaseService } from './case-service.ts';
import { DispatchCommands } from './dispatch-commands.ts';
import { StaffContacts } from './staff-contacts.ts';
import { systemClock, type Clock } from './clock.ts';
import { Directory } from './directory.ts';
import { InvitationService } from './invitation-service.ts';
import { PiiVault } from './pii-vault.ts';
import { AgreementService } from './agreement-service.ts';
import { ConfirmationService } from './confirmation-service.ts';
import { StatisticsService } from './statistics-service.ts';
import { LogFileSender, Notifier } from './notifications.ts';
import { moduleLogger } from '../logger.ts';
import { BlobStore } from './blob-store.ts';
import { Sealer } from '../auth/sealing.ts';
import { loadTemplates } from '../documents/agreement-templates.ts';
import { EngineAgreementDocuments } from '../documents/agreement-documents.ts';
import { repoRoot } from '../media/worker-binary.mjs';
import type { CaseState } from '../domain/case-types.ts';
import { Revocations, revocationsOf } from './revocations.ts';
import { GridRegistryService } from './grid-registry.ts';
import { GridItemService } from './grid-items.ts';
import { FieldReportService } from './field-reports.ts';
import { AssistanceService } from './assistance.ts';
import { DirectoryAreaNames, RegistryAreaNames } from './area-names.ts';
import { FollowUpService } from './follow-up-service.ts';
import { LedgerService } from './ledger-service.ts';
import { composeApplications } from './application/compose-applications.ts';
import type { ApplicationService } from './application/application-service.ts';
import type { MediatorProfiles } from './application/mediator-profiles.ts';
// Early warning and work orders (#15)
import { matchKeyOf, WarningService } from './warning-service.ts';
import { WarningSettingsStore } from './warning-settings.ts';
import { WorkOrderService } from './work-orders.ts';
import type { AreaNames } from './area-names.ts';

export interface Services {
  store: Store;
  clock: Clock;
  tokens: TokenService;
  directory: Directory;
  accounts: AccountService;
  cases: CaseService;
  commands: CaseCommands;
  /** Dispatch and the three tiers (#14). */
  dispatch: DispatchCommands;
  staffContacts: StaffContacts;
  invitations: InvitationService;
  vault: PiiVault;
  agreements: AgreementService;
  confirmations: ConfirmationService;
  statistics: StatisticsService;
  /** The ledger (台账) and follow-up (回访). */
  ledger: LedgerService;
  followUps: FollowUpService;
  notifier: Notifier;
  /** Raised when a principal's access ends (invitation withdrawn, participant removed, account disabled, logout). */
  revocations: Revocations;
  // --- Intake: grid registry, lighter items, field reports, assisted join ---
  gridRegistry: GridRegistryService;
  gridItems: GridItemService;
  fieldReports: FieldReportService;
  assistance: AssistanceService;
  /** Resident self-application and the public mediator directory. */
  applications: ApplicationService;
  mediatorProfiles: MediatorProfiles;
  // --- Early warning of repeated disputes and work orders (#15) ---
  warnings: WarningService;
  workOrders: WorkOrderService;
  warningSettings: WarningSettingsStore;
  areaNames: AreaNames;
  /** Someone to tell when an agreement changes (the live room). */
  onAgreementChanged(listener: (caseId: string, state: CaseState) => void): void;
}

/** Builds the use cases on the configured store (Redis when REDIS_URL is set, else files under DATA_DIR). */
export async function composeServices(config: AppConfig, publicUrl: () => string, clock: Clock = systemClock): Promise<Services> {
  const secretsLog = moduleLogger('secrets');
  const keyring = await loadKeyring({ mode: config.mode, secretsFile: config.secretsFile, dataDir: config.dataDir, legacyJwtSecret: config.jwtSecret }, secretsLog);
  const store = await openStore({ redisUrl: config.redisUrl, dataDir: path.resolve(config.dataDir) });
  try {
    const { storedPiiKey } = await adoptStoredSecrets(store.kv, keyring, secretsLog);
    const tokens = new TokenService(keyring, config.tokens, clock);
    const vault = new PiiVault(store.kv, keyring);
    if (storedPiiKey) {
      secretsLog.warn({ resealed: await vault.resealAll() }, 'personal details resealed with the key file; the stored vault key is deleted');
      await forgetStoredPiiKey(store.kv);
    }
    const directory = new Directory(store.kv);
    const revocations = new Revocations();
    const accounts = new AccountService(store.kv, tokens, directory, clock, revocations);
    const cases = new CaseService(store, clock);
    const calendar = { holidays: new Set(config.cases.holidays), workingWeekends: new Set(config.cases.workingWeekends) };
    const casePolicy = { acceptanceWorkingDays: config.cases.acceptanceWorkingDays, calendar };
    const staffContacts = new StaffContacts(accounts, vault, directory);
    const dispatch = new DispatchCommands(cases, accounts, directory, clock, casePolicy);
    const commands = new CaseCommands(cases, accounts, directory, vault, clock, casePolicy, (state, to, mediatorId) => dispatch.handOver(state, to, mediatorId));
    const invitations = new InvitationService(cases, tokens, store.kv, clock, publicUrl);
    const templates = loadTemplates(config.documents.templatesDir ?? path.join(repoRoot, 'templates', 'agreements'));
    const documents = new EngineAgreementDocuments({
      directory: path.resolve(config.documents.sealDir),
      p12Path: config.documents.p12Path,
      p12Passphrase: config.documents.p12Passphrase,
      passphrases: sealPassphrases(keyring),
    });
    const listeners: Array<(caseId: string, state: CaseState) => void> = [];
    const blobs = new BlobStore(store.kv, new Sealer(keyring, 'pii'));
    const agreements = new AgreementService(cases, vault, templates, directory, blobs, documents, clock, (caseId, state) => {
      for (const listener of listeners) listener(caseId, state);
    });
    const confirmations = new ConfirmationService(cases, accounts, directory, vault, blobs, documents, clock);
    const statistics = new StatisticsService(store.events, cases);
    const gridRegistry = new GridRegistryService(store.kv, directory, clock);
    const areaNames = new RegistryAreaNames(gridRegistry, new DirectoryAreaNames(directory));
    const ledger = new LedgerService(cases, directory, areaNames, clock);
    const followUps = new FollowUpService(cases, store.kv, directory, clock, publicUrl);
    // One SMS gateway for notices and verification codes; a deployment plugs its provider in here.
    const sender = new LogFileSender(path.resolve(config.dataDir, 'outbox.log'));
    const notifier = new Notifier(store.kv, vault, sender, publicUrl, clock, moduleLogger('notifications'), staffContacts);
    const { applications, mediatorProfiles } = composeApplications({ config, keyring, store, cases, accounts, directory, vault, sender, clock, publicUrl, calendar });
    cases.onCommitted((state, events) => notifier.caseChanged(state, events));
    cases.onCommitted((state, events) => {
      const participantOf = (invitationId: string) => state.invitations.find((i) => i.invitationId === invitationId)?.participantId;
      for (const revocation of revocationsOf(state.caseId, events, participantOf)) revocations.revoke(revocation);
    });
    const intake = {
      gridRegistry,
      gridItems: new GridItemService(store.kv, gridRegistry, clock),
      fieldReports: new FieldReportService(cases, gridRegistry, vault, blobs),
      assistance: new AssistanceService(cases, tokens, clock, publicUrl),
    };
    const warningSettings = new WarningSettingsStore(store.kv);
    const workOrders = new WorkOrderService(store.kv, directory, accounts, notifier, warningSettings, clock, calendar);
    const warnings = new WarningService(store.kv, cases, vault, warningSettings, matchKeyOf(keyring), workOrders, clock);
    if (config.cases.earlyWarning !== false) cases.onCommittedAwaited((state, events) => warnings.caseCommitted(state, events));
    const early = { warnings, workOrders, warningSettings, areaNames };
    return { ...early, store, clock, tokens, directory, accounts, cases, commands, dispatch, staffContacts, invitations, vault, agreements, confirmations, statistics, ledger, followUps, notifier, revocations, applications, mediatorProfiles, ...intake, onAgreementChanged: (listener) => void listeners.push(listener) };
  } catch (error) {
    await store.close();
    throw error;
  }
}
