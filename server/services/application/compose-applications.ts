import type { Keyring } from '../../auth/keyring.ts';
import type { AppConfig } from '../../config.ts';
import type { WorkCalendar } from '../../domain/working-days.ts';
import { moduleLogger } from '../../logger.ts';
import type { Store } from '../../store/store.ts';
import type { AccountService } from '../account-service.ts';
import type { CaseService } from '../case-service.ts';
import type { Clock } from '../clock.ts';
import type { Directory } from '../directory.ts';
import type { MessageSender } from '../notifications.ts';
import type { PiiVault } from '../pii-vault.ts';
import { ApplicationLinks } from './application-links.ts';
import { ApplicationService } from './application-service.ts';
import { MediatorProfiles } from './mediator-profiles.ts';
import { SmsCodes } from './sms-codes.ts';

export interface ApplicationParts {
  config: AppConfig;
  keyring: Keyring;
  store: Store;
  cases: CaseService;
  accounts: AccountService;
  directory: Directory;
  vault: PiiVault;
  sender: MessageSender;
  clock: Clock;
  publicUrl: () => string;
  calendar: WorkCalendar;
}

/** Builds the self-application use cases. The SMS codes show on the page only in a demo installation. */
export function composeApplications(p: ApplicationParts): { applications: ApplicationService; mediatorProfiles: MediatorProfiles } {
  const mediatorProfiles = new MediatorProfiles(p.store.kv, p.accounts, p.directory, () => p.clock.now());
  // Phones and codes are keyed by an HMAC with the PII key, so the store holds neither in clear.
  const codes = new SmsCodes(p.store.kv, p.sender, p.keyring.current('pii').key, { revealInDemo: p.config.mode === 'demo', link: () => `${p.publicUrl()}/apply` });
  const applications = new ApplicationService({
    cases: p.cases,
    directory: p.directory,
    vault: p.vault,
    profiles: mediatorProfiles,
    codes,
    links: new ApplicationLinks(p.store.kv),
    sender: p.sender,
    kv: p.store.kv,
    clock: p.clock,
    publicUrl: p.publicUrl,
    policy: { acceptanceWorkingDays: p.config.cases.acceptanceWorkingDays, calendar: p.calendar },
    log: moduleLogger('applications'),
  });
  return { applications, mediatorProfiles };
}
