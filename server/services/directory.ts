import type { CreateCourtRequest, CreateOrgRequest } from '../protocol/accounts.ts';
import { AppError } from '../protocol/errors.ts';
import type { KeyValueStore } from '../store/store.ts';

export type Organisation = CreateOrgRequest;
export type Court = CreateCourtRequest;

/** Mediation organisations and courts, with the administrative areas each serves. */
export class Directory {
  constructor(private readonly kv: KeyValueStore) {}

  async addOrg(org: Organisation): Promise<Organisation> {
    if (org.parentOrgId && !(await this.org(org.parentOrgId))) throw new AppError('invalid_input', 'No such parent organisation.', [{ path: 'parentOrgId', message: 'unknown organisation' }]);
    if (!(await this.kv.setIfAbsent(`org:${org.orgId}`, org))) throw new AppError('conflict', 'This organisation id exists.');
    return org;
  }

  async addCourt(court: Court): Promise<Court> {
    if (!(await this.kv.setIfAbsent(`court:${court.courtId}`, court))) throw new AppError('conflict', 'This court id exists.');
    return court;
  }

  org(orgId: string): Promise<Organisation | undefined> {
    return this.kv.get<Organisation>(`org:${orgId}`);
  }

  court(courtId: string): Promise<Court | undefined> {
    return this.kv.get<Court>(`court:${courtId}`);
  }

  async orgs(): Promise<Organisation[]> {
    return this.all<Organisation>('org:');
  }

  async courts(): Promise<Court[]> {
    return this.all<Court>('court:');
  }

  /** An organisation and every one under it (by `parentOrgId`, any depth): what its centre's staff dispatch. */
  async orgScope(orgId: string): Promise<string[]> {
    const orgs = await this.orgs();
    const scope = [orgId];
    // Breadth-first; the seen-check stops a cycle an admin might have made.
    for (let i = 0; i < scope.length; i++) {
      for (const org of orgs) if (org.parentOrgId === scope[i] && !scope.includes(org.orgId)) scope.push(org.orgId);
    }
    return scope;
  }

  /** An organisation and every one above it (by `parentOrgId`): whose centre dispatches for it. */
  async orgAndAncestors(orgId: string): Promise<string[]> {
    const parentOf = new Map((await this.orgs()).map((org) => [org.orgId, org.parentOrgId]));
    const chain = [orgId];
    // The seen-check stops a cycle an admin might have made.
    for (let parent = parentOf.get(orgId); parent && !chain.includes(parent); parent = parentOf.get(parent)) chain.push(parent);
    return chain;
  }

  /** The court serving an area: the one whose area codes hold the longest prefix of it. */
  async courtForArea(areaCode: string): Promise<Court | undefined> {
    let best: { court: Court; length: number } | undefined;
    for (const court of await this.courts()) {
      for (const code of court.areaCodes) {
        if (areaCode.startsWith(code) && (!best || code.length > best.length)) best = { court, length: code.length };
      }
    }
    return best?.court;
  }

  private async all<T>(prefix: string): Promise<T[]> {
    const keys = await this.kv.keys(prefix);
    const values = await Promise.all(keys.map((key) => this.kv.get<T>(key)));
    return values.filter((value): value is Awaited<T> & T => value !== undefined);
  }
}
