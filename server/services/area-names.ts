import type { Directory } from './directory.ts';

/**
 * Names for administrative area codes, for the ledger and its export. A port: the grid registry
 * (built separately) is meant to answer it; until then the Directory's organisations and courts
 * name the areas they serve.
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

/** Looks each code up once per request: a ledger page names the same few areas many times. */
export function memoAreaNames(names: AreaNames): AreaNames {
  const seen = new Map<string, Promise<string | undefined>>();
  return {
    nameOf(code) {
      let name = seen.get(code);
      if (!name) seen.set(code, (name = names.nameOf(code)));
      return name;
    },
  };
}
