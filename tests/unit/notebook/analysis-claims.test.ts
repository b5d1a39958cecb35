// What analysis.ts computes about claims outside the ACH matrix: evidence weights and tallies, the
// proposition groups and their contradictions, attribution, backlinks, the board's filters, the
// claims × sources matrix and the timeline. Each test builds the small notebook it needs.
import { describe, expect, it } from 'vitest';
import {
  attributionOf,
  cellKey,
  claimsOfEntity,
  claimsOfSource,
  contradictionsOf,
  evidenceMatrix,
  filterClaims,
  indexLinks,
  linkWeight,
  mentionsOfEntity,
  propositionGroups,
  tallyEvidence,
  timeline,
} from '../../../notebook/common/analysis.js';
import type { Claim } from '../../../notebook/common/model.js';
import { NotebookBuilder as Fixture } from './notebook-builder.js';

const statements = (claims: Claim[]) => claims.map((c) => c.statement);

describe('linkWeight', () => {
  it('weighs an excerpt by its source reliability and the link strength; an ungraded source counts half', () => {
    const f = new Fixture();
    const claim = f.claim('Containers were shipped');
    const wire = f.source('Wire', { grade: 'B' });
    const ungraded = f.excerpt(f.source('Blog'), 'containers seen');
    const strong = f.nb.links[f.link('excerpt', f.excerpt(wire, 'some 1,000 containers'), claim, 'supports', 'strong')]!;
    const plain = f.nb.links[f.link('excerpt', f.excerpt(wire, 'by rail and sea'), claim, 'supports')]!;
    const weak = f.nb.links[f.link('excerpt', ungraded, claim, 'supports', 'weak')]!;
    expect(linkWeight(f.nb, strong)).toBeCloseTo(1.2);
    expect(linkWeight(f.nb, plain)).toBeCloseTo(0.8);
    expect(linkWeight(f.nb, weak)).toBeCloseTo(0.25);
  });

  it('weighs a claim used as evidence by its credibility; grade 6 (cannot be judged) and no grade count half', () => {
    const f = new Fixture();
    const target = f.claim('Shells reached Russia');
    const confirmed = f.claim('Rail traffic rose', { credibility: { grade: '1', rationale: '' } });
    const unjudged = f.claim('A lawmaker said so', { credibility: { grade: '6', rationale: '' } });
    const ungraded = f.claim('A post said so');
    expect(linkWeight(f.nb, f.nb.links[f.link('claim', confirmed, target, 'supports')]!)).toBe(1);
    expect(linkWeight(f.nb, f.nb.links[f.link('claim', unjudged, target, 'supports')]!)).toBe(0.5);
    expect(linkWeight(f.nb, f.nb.links[f.link('claim', ungraded, target, 'supports', 'strong')]!)).toBe(0.75);
  });
});

describe('indexLinks and tallyEvidence', () => {
  it('counts supports, refutes (with contradicts) and the rest, each weighted, rounded to hundredths', () => {
    const f = new Fixture();
    const wire = f.source('Wire', { grade: 'C' });
    const claim = f.claim('North Korea shipped artillery to Russia');
    f.link('excerpt', f.excerpt(wire, 'accused North Korea'), claim, 'supports');
    f.link('excerpt', f.excerpt(wire, 'satellite images'), claim, 'supports', 'weak');
    f.link('excerpt', f.excerpt(wire, 'the most absurd paradox'), claim, 'refutes');
    f.link('claim', f.claim('Nothing was shipped', { credibility: { grade: '4', rationale: '' } }), claim, 'contradicts');
    f.link('excerpt', f.excerpt(wire, 'since August'), claim, 'context');
    f.link('excerpt', f.excerpt(wire, 'by rail and sea'), claim, 'qualifies');
    expect(tallyEvidence(f.nb, claim)).toEqual({ supports: 2, refutes: 2, other: 2, weightedSupports: 0.9, weightedRefutes: 1 });
  });

  it('leaves out links that are trashed, or whose excerpt, source or claim is trashed', () => {
    const f = new Fixture();
    const kept = f.source('Kept', { grade: 'A' });
    const gone = f.source('Gone', { grade: 'A' });
    const claim = f.claim('Shells were shipped');
    const keptLink = f.link('excerpt', f.excerpt(kept, 'shells'), claim, 'supports');
    f.link('excerpt', f.excerpt(gone, 'shells again'), claim, 'supports');
    const trashedExcerpt = f.excerpt(kept, 'missiles');
    f.link('excerpt', trashedExcerpt, claim, 'supports');
    f.trash('link', f.link('excerpt', f.excerpt(kept, 'rail'), claim, 'supports'));
    const fromClaim = f.claim('Someone said so');
    f.link('claim', fromClaim, claim, 'supports');
    f.trash('source', gone);
    f.trash('excerpt', trashedExcerpt);
    f.trash('claim', fromClaim);

    const index = indexLinks(f.nb);
    expect(index.into.get(claim)?.map((l) => l.id)).toEqual([keptLink]);
    expect(tallyEvidence(f.nb, claim, index)).toMatchObject({ supports: 1, weightedSupports: 1 });
  });

  it('drops links into a trashed claim from both directions of the index', () => {
    const f = new Fixture();
    const excerpt = f.excerpt(f.source('Wire'), 'shells');
    const claim = f.claim('Shells were shipped');
    f.link('excerpt', excerpt, claim, 'supports');
    expect(indexLinks(f.nb).from.get(excerpt)).toHaveLength(1);
    f.trash('claim', claim);
    const index = indexLinks(f.nb);
    expect(index.from.has(excerpt)).toBe(false);
    expect(index.into.has(claim)).toBe(false);
    expect(tallyEvidence(f.nb, claim, index)).toEqual({ supports: 0, refutes: 0, other: 0, weightedSupports: 0, weightedRefutes: 0 });
  });
});

describe('propositionGroups', () => {
  it('groups claims by proposition, in order of each group’s first claim, and flags an assertion beside a denial', () => {
    const f = new Fixture();
    const arms = f.proposition('North Korea is arming Russia');
    const plan = f.proposition('The tests belong to a five-year plan');
    const a1 = f.claim('NK ships shells to Russia', { propositionId: arms });
    const p1 = f.claim('The tests are routine', { propositionId: plan });
    const lone = f.claim('A lawmaker was angry');
    const d1 = f.claim('NK ships nothing to Russia', { propositionId: arms, polarity: 'denies' });
    const p2 = f.claim('The launches follow the plan', { propositionId: plan });

    const groups = propositionGroups(f.nb);
    expect(groups.map((g) => g.statement)).toEqual(['North Korea is arming Russia', 'The tests belong to a five-year plan', 'A lawmaker was angry']);
    expect(groups[0]).toMatchObject({ key: arms, asserts: 1, denies: 1, contradicted: true });
    expect(groups[0]!.claims.map((c) => c.id)).toEqual([a1, d1]);
    expect(groups[1]).toMatchObject({ key: plan, asserts: 2, denies: 0, contradicted: false });
    expect(groups[1]!.claims.map((c) => c.id)).toEqual([p1, p2]);
    expect(groups[2]).toMatchObject({ key: lone, proposition: null, asserts: 1, denies: 0, contradicted: false });
  });

  it('flags claims linked as contradicting, even in different groups', () => {
    const f = new Fixture();
    const claim = f.claim('Shells were shipped');
    const other = f.claim('The trains carried grain');
    f.claim('Unrelated');
    f.link('claim', other, claim, 'contradicts');
    expect(propositionGroups(f.nb).map((g) => g.contradicted)).toEqual([true, true, false]);
  });

  it('judges contradiction on every live claim of a proposition when given a filtered subset', () => {
    const f = new Fixture();
    const prop = f.proposition('Shells were shipped');
    const shown = f.claim('Seoul: shells were shipped', { propositionId: prop });
    const hidden = f.claim('Washington: shells were shipped', { propositionId: prop });
    f.link('claim', f.claim('Pyongyang: the trains carried grain'), hidden, 'contradicts');

    const whole = propositionGroups(f.nb).find((g) => g.key === prop)!;
    expect(whole.contradicted).toBe(true);
    const [group] = propositionGroups(f.nb, [f.nb.claims[shown]!]);
    expect(group).toMatchObject({ key: prop, asserts: 2, denies: 0, contradicted: true });
    expect(group!.claims.map((c) => c.id)).toEqual([shown]);
  });

  it('leaves out trashed claims, from the groups and from the counts', () => {
    const f = new Fixture();
    const prop = f.proposition('Shells were shipped');
    f.claim('Shells went by rail', { propositionId: prop });
    f.trash('claim', f.claim('Nothing was shipped', { propositionId: prop, polarity: 'denies' }));
    f.trash('claim', f.claim('A lone trashed claim'));
    const groups = propositionGroups(f.nb);
    expect(groups).toEqual([expect.objectContaining({ key: prop, asserts: 1, denies: 0, contradicted: false })]);
    expect(statements(groups[0]!.claims)).toEqual(['Shells went by rail']);
  });
});

describe('contradictionsOf', () => {
  it('finds the other polarity on the same proposition and claims linked as contradicting either way, each once', () => {
    const f = new Fixture();
    const prop = f.proposition('Shells were shipped');
    const seoul = f.claim('Seoul: shells were shipped', { propositionId: prop });
    f.claim('Washington: shells were shipped', { propositionId: prop });
    const kim = f.claim('Kim: nothing was shipped', { propositionId: prop, polarity: 'denies' });
    const grain = f.claim('The trains carried grain');
    const gone = f.claim('A deleted rebuttal');
    f.link('claim', seoul, grain, 'contradicts');
    f.link('claim', kim, seoul, 'contradicts');
    f.link('claim', gone, seoul, 'contradicts');
    f.link('claim', f.claim('Rail data agrees'), seoul, 'supports');
    f.trash('claim', gone);

    expect(statements(contradictionsOf(f.nb, seoul))).toEqual(['Kim: nothing was shipped', 'The trains carried grain']);
    expect(statements(contradictionsOf(f.nb, grain))).toEqual(['Seoul: shells were shipped']);
    expect(statements(contradictionsOf(f.nb, kim))).toEqual(['Seoul: shells were shipped', 'Washington: shells were shipped']);
    expect(contradictionsOf(f.nb, gone)).toEqual([]);
  });
});

describe('attributionOf', () => {
  it('reads the chain by entity names, falling back to labels, and tells first-hand from reported', () => {
    const f = new Fixture();
    const wire = f.entity('Northwind Wire');
    const han = f.entity('Chloé Han');
    const reported = f.claim('1,000 containers were shipped', {
      attribution: [
        { role: 'publisher', entityId: wire, label: '' },
        { role: 'intermediary', label: 'Officials in Seoul' },
        { role: 'speaker', entityId: han, label: '' },
      ],
    });
    const direct = f.claim('The accusation is absurd', { attribution: [{ role: 'speaker', label: 'Kim Yo Jong' }] });
    expect(attributionOf(f.nb, f.nb.claims[reported]!)).toEqual({ firstHand: false, text: 'Northwind Wire → Officials in Seoul → Chloé Han' });
    expect(attributionOf(f.nb, f.nb.claims[direct]!)).toEqual({ firstHand: true, text: 'Kim Yo Jong' });
  });
});

describe('backlinks', () => {
  it('claimsOfEntity separates the claims an entity makes from those that pass through it', () => {
    const f = new Fixture();
    const wire = f.entity('Northwind Wire');
    const kim = f.entity('Kim Yo Jong');
    f.claim('The accusation is absurd', { claimantId: kim, attribution: [{ role: 'publisher', entityId: wire, label: '' }] });
    f.claim('The wire reports shipments', { claimantId: wire });
    f.trash('claim', f.claim('A retracted wire claim', { claimantId: wire }));
    expect(statements(claimsOfEntity(f.nb, wire).asClaimant)).toEqual(['The wire reports shipments']);
    expect(statements(claimsOfEntity(f.nb, wire).inAttribution)).toEqual(['The accusation is absurd']);
    expect(statements(claimsOfEntity(f.nb, kim).asClaimant)).toEqual(['The accusation is absurd']);
  });

  it('mentionsOfEntity lists confirmed mentions by source, then by position, without trashed sources', () => {
    const f = new Fixture();
    const kim = f.entity('Kim Yo Jong');
    const first = f.source('Wire report');
    const second = f.source('Agency statement');
    const gone = f.source('Deleted copy');
    const late = f.excerpt(first, 'Kim said', 200, [kim]);
    const inSecond = f.excerpt(second, 'Kim Yo Jong stated', 10, [kim]);
    const early = f.excerpt(first, 'Kim Yo Jong, a senior official', 20, [kim]);
    f.excerpt(first, 'the defence ministry', 50);
    f.excerpt(gone, 'Kim again', 0, [kim]);
    f.trash('source', gone);
    expect(mentionsOfEntity(f.nb, kim).map((e) => e.id)).toEqual([early, late, inSecond]);
  });

  it('claimsOfSource gives each claim the source bears on with the links that tie them', () => {
    const f = new Fixture();
    const wire = f.source('Wire report');
    const other = f.source('Other report');
    const shells = f.claim('Shells were shipped');
    const denial = f.claim('Nothing was shipped', { polarity: 'denies' });
    f.claim('Not in this source');
    const l1 = f.link('excerpt', f.excerpt(wire, 'accused North Korea'), shells, 'supports');
    const absurd = f.excerpt(wire, 'most absurd paradox');
    const l2 = f.link('excerpt', absurd, denial, 'supports');
    const l3 = f.link('excerpt', absurd, shells, 'refutes');
    f.link('excerpt', f.excerpt(other, 'elsewhere'), denial, 'supports');
    const result = claimsOfSource(f.nb, wire);
    expect(result.map((r) => [r.claim.statement, r.links.map((l) => l.id)])).toEqual([
      ['Shells were shipped', [l1, l3]],
      ['Nothing was shipped', [l2]],
    ]);
  });
});

describe('filterClaims', () => {
  function board() {
    const f = new Fixture();
    const kim = f.entity('Kim Yo Jong', ['KYJ']);
    const seoul = f.entity('South Korea', ['Seoul']);
    const prop = f.proposition('North Korea is arming Russia');
    f.claim('Shells went by rail', { claimantId: seoul, propositionId: prop, tags: ['weapons/artillery'], credibility: { grade: '2', rationale: '' }, status: 'assessed', assessment: { likelihood: 'likely', rationale: '' } });
    f.claim('Missiles went by sea', { claimantId: seoul, tags: ['weapons'], status: 'in progress' });
    f.claim('The accusation is absurd', { claimantId: kim, propositionId: prop, polarity: 'denies', tags: ['weaponsmith'], credibility: { grade: '4', rationale: '' } });
    f.trash('claim', f.claim('A trashed claim by Seoul', { claimantId: seoul }));
    return { f, kim, seoul };
  }

  it('filters by claimant and status, and leaves out trashed claims', () => {
    const { f, seoul } = board();
    expect(statements(filterClaims(f.nb, { claimantId: seoul }))).toEqual(['Shells went by rail', 'Missiles went by sea']);
    expect(statements(filterClaims(f.nb, { claimantId: seoul, status: 'in progress' }))).toEqual(['Missiles went by sea']);
  });

  it('matches a tag and everything under it, but not a tag that merely starts with the same letters', () => {
    const { f } = board();
    expect(statements(filterClaims(f.nb, { tag: 'weapons' }))).toEqual(['Shells went by rail', 'Missiles went by sea']);
    expect(statements(filterClaims(f.nb, { tag: 'weapons/artillery' }))).toEqual(['Shells went by rail']);
  });

  it('filters by credibility grade and likelihood, with "none" for ungraded and unassessed', () => {
    const { f } = board();
    expect(statements(filterClaims(f.nb, { credibility: '4' }))).toEqual(['The accusation is absurd']);
    expect(statements(filterClaims(f.nb, { credibility: 'none' }))).toEqual(['Missiles went by sea']);
    expect(statements(filterClaims(f.nb, { likelihood: 'likely' }))).toEqual(['Shells went by rail']);
    expect(statements(filterClaims(f.nb, { likelihood: 'none' }))).toEqual(['Missiles went by sea', 'The accusation is absurd']);
  });

  it('finds every word, ignoring case, in the statement, the proposition or the claimant’s name and aliases', () => {
    const { f } = board();
    expect(statements(filterClaims(f.nb, { text: 'RAIL' }))).toEqual(['Shells went by rail']);
    expect(statements(filterClaims(f.nb, { text: 'arming absurd' }))).toEqual(['The accusation is absurd']);
    expect(statements(filterClaims(f.nb, { text: 'kyj' }))).toEqual(['The accusation is absurd']);
    expect(statements(filterClaims(f.nb, { text: 'seoul sea' }))).toEqual(['Missiles went by sea']);
    expect(filterClaims(f.nb, { text: 'rail absurd' })).toEqual([]);
    expect(filterClaims(f.nb, { text: '   ' })).toHaveLength(3);
  });
});

describe('evidenceMatrix', () => {
  it('lays excerpt links out by claim and source, listing only sources with evidence, in creation order', () => {
    const f = new Fixture();
    const wire = f.source('Wire report');
    f.source('Unlinked source');
    const agency = f.source('Agency statement');
    const shells = f.claim('Shells were shipped');
    const denial = f.claim('Nothing was shipped', { polarity: 'denies' });
    const l1 = f.link('excerpt', f.excerpt(agency, 'absurd'), denial, 'supports');
    const l2 = f.link('excerpt', f.excerpt(wire, 'accused'), shells, 'supports');
    const l3 = f.link('excerpt', f.excerpt(wire, 'absurd, said Kim'), shells, 'refutes');
    f.link('claim', denial, shells, 'contradicts');
    const matrix = evidenceMatrix(f.nb);
    expect(matrix.claims.map((c) => c.id)).toEqual([shells, denial]);
    expect(matrix.sources.map((s) => s.title)).toEqual(['Wire report', 'Agency statement']);
    expect(matrix.cells.get(cellKey(shells, wire))?.map((l) => l.id)).toEqual([l2, l3]);
    expect(matrix.cells.get(cellKey(denial, agency))?.map((l) => l.id)).toEqual([l1]);
    expect(matrix.cells.has(cellKey(shells, agency))).toBe(false);
  });
});

describe('timeline', () => {
  it('orders sources and claims by date; on one date sources come first; an undated claim takes its earliest source’s date', () => {
    const f = new Fixture();
    const later = f.source('Follow-up', { published: '2023-10-20' });
    const wire = f.source('Wire report', { published: '2023-10-14' });
    f.source('Undated source');
    const denial = f.claim('Nothing was shipped', { claimedAt: '2023-10-14', polarity: 'denies' });
    const accusation = f.claim('Shells were shipped', { claimedAt: '2023-10-13' });
    const containers = f.claim('1,000 containers were shipped');
    f.link('excerpt', f.excerpt(later, 'containers'), containers, 'supports');
    f.link('excerpt', f.excerpt(wire, 'some 1,000 containers'), containers, 'supports');
    const undated = f.claim('A lawmaker was angry');

    const { events, undated: rest } = timeline(f.nb);
    expect(events.map((e) => [e.date, e.kind, e.id, e.dated])).toEqual([
      ['2023-10-13', 'claim', accusation, 'claimed'],
      ['2023-10-14', 'source', wire, 'published'],
      ['2023-10-14', 'claim', denial, 'claimed'],
      ['2023-10-14', 'claim', containers, 'source date'],
      ['2023-10-20', 'source', later, 'published'],
    ]);
    expect(rest.map((c) => c.id)).toEqual([undated]);
  });

  it('puts a partial date before the days within it, and leaves out what is trashed', () => {
    const f = new Fixture();
    f.claim('Shipments began', { claimedAt: '2023-08-02' });
    f.claim('Sometime in August', { claimedAt: '2023-08' });
    f.claim('That year', { claimedAt: '2023' });
    f.trash('claim', f.claim('Trashed', { claimedAt: '2023-01-01' }));
    const gone = f.source('Trashed source', { published: '2023-05-05' });
    f.trash('source', gone);
    expect(timeline(f.nb).events.map((e) => e.date)).toEqual(['2023', '2023-08', '2023-08-02']);
  });

  it('does not date a claim by a source whose excerpt link was trashed', () => {
    const f = new Fixture();
    const wire = f.source('Wire report', { published: '2023-10-14' });
    const claim = f.claim('Shells were shipped');
    const link = f.link('excerpt', f.excerpt(wire, 'accused'), claim, 'supports');
    f.trash('link', link);
    expect(timeline(f.nb).undated.map((c) => c.id)).toEqual([claim]);
  });
});
