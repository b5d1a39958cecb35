import { describe, expect, it } from 'vitest';
import { newId } from '../../../notebook/common/ids.js';
import { apply } from '../../../notebook/common/operations.js';
import { acceptSuggestion } from '../../../notebook/common/suggest/accept.js';
import type { SuggestedClaim, SuggestedEntity } from '../../../notebook/common/suggest/types.js';
import { claimantOutcome, claimOfCandidate, draftOf, editedOf, isEdited, keepDraft, keptDraft, quoteParts, rememberAccepted } from '../../../renderer/src/suggest/suggest-model.js';
import { NotebookBuilder } from '../notebook/notebook-builder.js';

const marked = (parts: ReturnType<typeof quoteParts>) => parts.map((p) => (p.mark ? `[${p.mark}:${p.text}]` : p.text)).join('');

describe('quoteParts', () => {
  it('marks the claimant and the reporting verb where the quote has them', () => {
    expect(marked(quoteParts('The shipping company denied that the tanker had switched off its transponder.', 'shipping company', 'denied'))).toBe(
      'The [claimant:shipping company] [verb:denied] that the tanker had switched off its transponder.',
    );
  });

  it('finds the claimant under another of its names, ignoring case, and as a whole word only', () => {
    expect(marked(quoteParts('Officials in Pyongyang said nothing; PYONGYANG later denied it.', 'North Korea', 'denied', ['Pyongyang']))).toBe(
      'Officials in [claimant:Pyongyang] said nothing; PYONGYANG later [verb:denied] it.',
    );
    expect(marked(quoteParts('Koreans said so.', 'Korea', 'said'))).toBe('Koreans [verb:said] so.');
  });

  it('leaves a claimant resolved from a pronoun unmarked, and never marks the verb inside the claimant', () => {
    expect(marked(quoteParts('She said the crew filed no manifest.', 'Maria Okafor', 'said'))).toBe('She [verb:said] the crew filed no manifest.');
    expect(marked(quoteParts('The Reported Speech Institute reported a rise.', 'Reported Speech Institute', 'reported'))).toBe(
      'The [claimant:Reported Speech Institute] [verb:reported] a rise.',
    );
  });

  it('gives the quote back whole when nothing is found', () => {
    expect(quoteParts('It was calm.', 'Coast guard', 'said')).toEqual([{ text: 'It was calm.' }]);
  });
});

function fixture() {
  const b = new NotebookBuilder();
  const sourceId = b.source('Harbour report');
  const coastGuard = b.entity('Coast Guard', ['coastguard']);
  const suggestion: SuggestedClaim = {
    key: '10:60:coast guard officials',
    start: 10,
    end: 60,
    exact: 'Coast guard officials suggested a second vessel.',
    prefix: '',
    suffix: '',
    claimant: 'Coast guard officials',
    claimantKind: 'group',
    entityKey: 'e1',
    entityId: null,
    verb: 'suggested',
    stance: 'asserts',
    proposition: 'A second vessel met the tanker at sea.',
  };
  const entities: SuggestedEntity[] = [{ key: 'e1', name: 'Coast guard officials', kind: 'group', aliases: ['the officials'], entityId: null, mentions: 2 }];
  return { b, nb: b.nb, sourceId, coastGuard, suggestion, entities };
}

describe('a candidate’s draft and what Accept records', () => {
  it('takes the suggestion as it is, and tells an edit apart', () => {
    const { suggestion } = fixture();
    const draft = draftOf(suggestion);
    expect(draft).toEqual({ statement: suggestion.proposition, claimant: 'Coast guard officials', claimantKind: 'group', stance: 'asserts' });
    expect(isEdited(suggestion, draft)).toBe(false);
    expect(isEdited(suggestion, { ...draft, stance: 'denies' })).toBe(true);
  });

  it('records a typed name that a live entity answers to as that entity, and a new name as a new entity', () => {
    const { nb, suggestion, coastGuard, entities } = fixture();
    const known = editedOf(nb, suggestion, { ...draftOf(suggestion), claimant: 'COASTGUARD' });
    expect(known.entityId).toBe(coastGuard);
    expect(claimantOutcome(nb, known, entities)).toEqual({ name: 'Coast Guard', known: true });

    const fresh = editedOf(nb, suggestion, draftOf(suggestion));
    expect(fresh.entityId).toBeNull();
    expect(claimantOutcome(nb, fresh, entities)).toEqual({ name: 'Coast guard officials', known: false });
    // Another form of the suggested entity records the entity under its fullest name.
    expect(claimantOutcome(nb, editedOf(nb, suggestion, { ...draftOf(suggestion), claimant: 'the officials' }), entities)).toEqual({ name: 'Coast guard officials', known: false });
  });

  it('keeps the matched entity only while the claimant is the suggester’s', () => {
    const { nb, suggestion, coastGuard } = fixture();
    const matched = { ...suggestion, entityId: coastGuard };
    expect(editedOf(nb, matched, draftOf(matched)).entityId).toBe(coastGuard);
    expect(editedOf(nb, matched, { ...draftOf(matched), claimant: 'Harbour master' }).entityId).toBeNull();
  });

  it('keeps an edited draft while the panel is closed, and forgets one edited back', () => {
    const { sourceId, suggestion } = fixture();
    const edited = { ...draftOf(suggestion), statement: 'A second ship met the tanker.' };
    keepDraft(sourceId, suggestion, edited);
    expect(keptDraft(sourceId, suggestion)).toEqual(edited);
    keepDraft(sourceId, suggestion, draftOf(suggestion));
    expect(keptDraft(sourceId, suggestion)).toEqual(draftOf(suggestion));
  });
});

describe('claimOfCandidate', () => {
  it('knows a candidate accepted here even with another claimant, until an undo takes the claim away', () => {
    const { nb, sourceId, suggestion, coastGuard, entities } = fixture();
    const op = acceptSuggestion(nb, sourceId, editedOf(nb, suggestion, { ...draftOf(suggestion), claimant: 'Coast Guard' }), { newId, at: '2026-02-01T00:00:00.000Z' }, entities);
    expect(claimOfCandidate(nb, sourceId, suggestion)).toBeNull();
    const inverse = apply(nb, op);
    const claimId = Object.values(nb.claims).find((c) => c.claimantId === coastGuard)!.id;
    // Named differently from the suggestion, the claim is not recognised from the notebook alone…
    expect(claimOfCandidate(nb, sourceId, suggestion)).toBeNull();
    // …but the panel remembers what it accepted.
    rememberAccepted(sourceId, suggestion.key, claimId);
    expect(claimOfCandidate(nb, sourceId, suggestion)).toBe(claimId);
    apply(nb, inverse);
    expect(claimOfCandidate(nb, sourceId, suggestion)).toBeNull();
  });

  it('recognises a claim made of the suggestion in an earlier session: same range, linked, same claimant', () => {
    const { nb, sourceId, suggestion, entities } = fixture();
    apply(nb, acceptSuggestion(nb, sourceId, editedOf(nb, suggestion, draftOf(suggestion)), { newId, at: '2026-02-01T00:00:00.000Z' }, entities));
    const claim = Object.values(nb.claims)[0]!;
    expect(claimOfCandidate(nb, sourceId, { ...suggestion, key: 'another session' })).toBe(claim.id);
  });
});
