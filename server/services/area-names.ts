import type { Directory } from './directory.ts';
import type { GridRegistryService } from './grid-registry.ts';

/**
 * Names for administrative area codes, for the ledger and its export: the grid registry's place
 * names, and for areas outside it the organisation or court that serves them.
 */
export interface AreaNames {
  nameOf(code: string): Promise<string | undefined>;
}

/**
 * Names an area by the organisation (else court) whose served area codes hold the longest prefix
 * of it: "柏城镇人民调解委员会" for 370785001 when that committee serves 370785. Better than a bare
 * code; the registry's real place names replace it.
 */
export class DirectoryAreaNames implements AreaNames {
  constructor(private readonly directory: Pick<Directory, 'orgs' | 'courts'>) {}

  async nameOf(code: string): Promise<string | undefined> {
    let best: { name: string; length: number } | undefined;
    for (const served of [...(await this.directory.orgs()), ...(await this.directory.courts())]) {
      for (const prefix of served.areaCodes) {
        if (code.startsWith(prefix) && (!best || prefix.length > best.length)) best = { name: served.name, length: prefix.length };
      }
    }
    return best?.name;
  }
}

/** Place names from the grid registry (柏城镇 › 东关社区 › 第3网格); codes it does not know are named by `fallback`. */
export class RegistryAreaNames implements AreaNames {
  constructor(
    private readonly registry: Pick<GridRegistryService, 'resolve' | 'path'>,
    private readonly fallback: AreaNames,
  ) {}

  async nameOf(code: string): Promise<string | undefined> {
    return (await this.registry.resolve(code)) ? this.registry.path(code) : this.fallback.nameOf(code);
  }
}

/** Looks each code up once per request: a ledger page names the same few areas many times. */
export function memoAreaNames(names: AreaNames): AreaNames {
  const seen = new Map<string, Promise<string | undefined>>();
  return {
    nameOf(code) {
      let name = seen.get(code);
      if (!name) {
        name = names.nameOf(code);
        seen.set(code, name);
      }
      return name;
    },
  };
}
