// What the suggester proposes for a source: attributed statements (who claims what, with the
// excerpt they come from) and the entities named. Types only; the suggester never changes a
// notebook, and nothing here is stored until the analyst accepts a suggestion.
import type { Entity, Id } from '../model.js';

export type EntityKind = Entity['kind'];
export type Stance = 'asserts' | 'denies';

/** An entity the text names, with the other forms of its name merged into it. */
export interface SuggestedEntity {
  /** Stable within one answer; SuggestedClaim.entityKey refers to it. */
  key: string;
  /** The fullest form of the name found ("North Korea"), or the notebook entity's name when matched. */
  name: string;
  kind: EntityKind;
  /** The other forms found in the text that mean the same entity ("Pyongyang", "the North"). */
  aliases: string[];
  /** The notebook's entity with this name or alias, when there is one. */
  entityId: Id | null;
  /** How often the text names it (any form). */
  mentions: number;
}

/** One attributed statement: a claimant, a reporting verb and its stance, and what is claimed. */
export interface SuggestedClaim {
  /**
   * `start:end:claimant` (claimant lower-cased): stable for a source, whose text never changes, so
   * a dismissal (Source.dismissedSuggestions) still applies the next time the source is read.
   */
  key: string;
  /** The excerpt the statement comes from, in code points of the source's text (W3C TextPositionSelector); never splits a grapheme. */
  start: number;
  end: number;
  /** The W3C TextQuoteSelector of that excerpt (prefix and suffix up to 32 code points). */
  exact: string;
  prefix: string;
  suffix: string;
  /** Who makes the claim, as the analyst would name them: a pronoun ("She") is resolved to the name it points back to. */
  claimant: string;
  claimantKind: EntityKind;
  /** The SuggestedEntity the claimant is. */
  entityKey: string | null;
  /** The notebook's entity the claimant is, when matched. */
  entityId: Id | null;
  /** The reporting verb or phrase as written: "said", "denied", "according to", "it was reported". */
  verb: string;
  stance: Stance;
  /** The reported content as a sentence, ready to be the claim's statement. */
  proposition: string;
}

/** What the suggester found in a source; dismissed suggestions are left out and counted. */
export interface Suggestions {
  sourceId: Id;
  claims: SuggestedClaim[];
  entities: SuggestedEntity[];
  /** How many suggested claims the analyst had dismissed (not listed). */
  dismissed: number;
}
