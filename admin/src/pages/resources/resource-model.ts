import type { ImportCenter } from '@beratung/shared/schemas/import-format';

/**
 * One part of the center profile as a page edits it. The page keeps a draft; saving
 * writes the draft back into the profile as loaded, every other part passed through
 * untouched, and PUTs the whole profile.
 */
export interface ResourceModel<D> {
  toDraft(profile: ImportCenter): D;
  /** `aliases` map profile paths to the page's paths where the page shows a part elsewhere. */
  fromDraft(
    profile: ImportCenter,
    draft: D,
  ): { profile: ImportCenter; aliases?: ReadonlyMap<string, string> };
  /** Every path the page has a place for; a problem is shown at the nearest of them. */
  anchors(draft: D): Set<string>;
}
