import type { AgreementText } from './agreement-api.ts';

/**
 * What a party's comment names as its clause: the section's heading (e.g. 履行方式、时限), which
 * reads well in the case log and stays the same across versions, unlike an index.
 */
export function clauseKey(section: AgreementText['sections'][number], index: number): string {
  return (section.heading ?? `第${index + 1}部分`).slice(0, 80);
}
