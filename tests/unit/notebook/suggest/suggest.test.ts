import { describe, expect, it } from 'vitest';
import { newId } from '../../../../notebook/common/ids.js';
import { Entity } from '../../../../notebook/common/model.js';
import { analyse, suggest } from '../../../../notebook/common/suggest/suggest.js';
import { codePointLength, sliceCodePoints } from '../../../../notebook/common/text.js';

/** Claimant, stance and proposition of each suggestion, in reading order. */
function found(text: string): [string, string, string][] {
  return suggest(text, []).claims.map((c) => [c.claimant, c.stance, c.proposition]);
}

function entity(name: string, aliases: string[] = [], kind: Entity['kind'] = 'state'): Entity {
  const at = '2026-01-01T00:00:00.000Z';
  return Entity.parse({ id: newId(), createdAt: at, updatedAt: at, name, kind, aliases });
}

describe('suggest: reported speech', () => {
  it('finds "X said (that) P" with the claimant and the proposition as a sentence of its own', () => {
    expect(found('Officials in the port city said the ferry had sunk within minutes.')).toEqual([['officials in the port city', 'asserts', 'The ferry had sunk within minutes.']]);
    expect(found('The coastguard said on Friday that three crew members were missing.')).toEqual([['coastguard', 'asserts', 'Three crew members were missing.']]);
    expect(found('The International Energy Agency said demand was falling.')).toEqual([['International Energy Agency', 'asserts', 'Demand was falling.']]);
  });

  it('takes the words of a quotation, before or after the verb, and the speaker after an inverted verb', () => {
    expect(found('"We will rebuild the bridge by spring," the mayor told reporters.')).toEqual([['mayor', 'asserts', 'We will rebuild the bridge by spring.']]);
    expect(found('"The water is safe to drink," said Lena Ortiz, a chemist at the plant.')).toEqual([['Lena Ortiz', 'asserts', 'The water is safe to drink.']]);
    expect(found('The union leader said: "Nobody will go back to work tomorrow."')).toEqual([['union leader', 'asserts', 'Nobody will go back to work tomorrow.']]);
  });

  it('reads a quotation that goes on in the next sentence as the same speaker’s', () => {
    const claims = analyse('"The dam held," said Ines Moreau, the site engineer. "It was built for worse."', []).claims;
    expect(claims.map((c) => [c.claimant, c.proposition, c.trace.rule])).toEqual([
      ['Ines Moreau', 'The dam held.', 'trailing'],
      ['Ines Moreau', 'It was built for worse.', 'continuation'],
    ]);
  });

  it('handles "according to X" before and after the content, and an appositive after the name', () => {
    expect(found('According to Tomasz Nowak, an analyst at the central bank, inflation will peak in May.')).toEqual([['Tomasz Nowak', 'asserts', 'Inflation will peak in May.']]);
    expect(found('The convoy turned back at the border, according to local police.')).toEqual([['local police', 'asserts', 'The convoy turned back at the border.']]);
    expect(found('According to a UN report, the camp holds 20,000 people.')).toEqual([['United Nations', 'asserts', 'The camp holds 20,000 people.']]);
  });

  it('treats "according to" as the intermediary when the sentence already attributes the content', () => {
    expect(found('Farmers warned that the harvest would fail, according to the newspaper Vanguardia.')).toEqual([['farmers', 'asserts', 'The harvest would fail.']]);
  });

  it('attributes agentless passive reporting to unnamed sources, and an agent after "by" to the agent', () => {
    expect(found('It was reported that the airport had closed.')).toEqual([['unnamed sources', 'asserts', 'The airport had closed.']]);
    expect(found('The minister was said to be considering her resignation.')).toEqual([['unnamed sources', 'asserts', 'The minister was considering her resignation.']]);
    expect(found('The refinery was reported to have halted production.')).toEqual([['unnamed sources', 'asserts', 'The refinery had halted production.']]);
    expect(found('It was claimed by state radio that the rebels had surrendered.')).toEqual([['state radio', 'asserts', 'The rebels had surrendered.']]);
    expect(found('The mayor was accused by opposition councillors of hiding the audit.')).toEqual([['opposition councillors', 'asserts', 'The mayor hid the audit.']]);
  });

  it('resolves a pronoun to the named claimant of the sentence before', () => {
    const claims = analyse('Ana Costa, the hospital’s director, said the ward was full. She added that two patients had been moved.', []).claims;
    expect(claims.map((c) => [c.claimant, c.trace.via, c.exact])).toEqual([
      ['Ana Costa', 'name', 'Ana Costa, the hospital’s director, said the ward was full.'],
      ['Ana Costa', 'pronoun', 'She added that two patients had been moved.'],
    ]);
    // "They" points back to a group named before.
    expect(found('Villagers gathered outside the town hall. They said the road had been closed for a week.')).toEqual([['villagers', 'asserts', 'The road had been closed for a week.']]);
  });

  it('resolves a description ("the minister", "the company") to whom it names before', () => {
    const text = 'Energy Minister Paul Varga accused the utility of hiding losses. The minister told parliament he had seen the accounts. Brightwater Energy said on Monday that the losses had doubled. The company said the audit was incomplete.';
    expect(found(text).map(([c]) => c)).toEqual(['Paul Varga', 'Paul Varga', 'Brightwater Energy', 'Brightwater Energy']);
  });

  it('makes one attribution per claimant of a list, leaving out "others"', () => {
    const claims = analyse('France, Germany and several other states accused the junta of rigging the vote.', []).claims;
    expect(claims.map((c) => [c.claimant, c.claimantKind, c.proposition, c.trace.fromList])).toEqual([
      ['France', 'state', 'The junta rigged the vote.', true],
      ['Germany', 'state', 'The junta rigged the vote.', true],
    ]);
  });
});

describe('suggest: accusations with a gerund ("accuse X of V-ing")', () => {
  it('reads present and past "accuse", one claimant or a list, with a gerund the tagger takes for a noun', () => {
    expect(found('The U.S. and South Korea accuse North Korea of shipping artillery shells and missiles to Russia.')).toEqual([
      ['United States', 'asserts', 'North Korea shipped artillery shells and missiles to Russia.'],
      ['South Korea', 'asserts', 'North Korea shipped artillery shells and missiles to Russia.'],
    ]);
    expect(found('South Korea accused North Korea of shipping shells to Russia.')).toEqual([['South Korea', 'asserts', 'North Korea shipped shells to Russia.']]);
    expect(found('The U.S. accused North Korea of shipping shells to Russia.')).toEqual([['United States', 'asserts', 'North Korea shipped shells to Russia.']]);
  });

  it.each([
    ['building', 'built'],
    ['funding', 'funded'],
    ['training', 'trained'],
    ['arming', 'armed'],
    ['bombing', 'bombed'],
    ['smuggling', 'smuggled'],
    ['dumping', 'dumped'],
    ['hacking', 'hacked'],
    ['landing', 'landed'],
    ['firing', 'fired'],
  ])('reads "of %s" as what the accused did (%s), present and past', (gerund, past) => {
    expect(found(`Officials accused the militia of ${gerund} the site.`)).toEqual([['officials', 'asserts', `The militia ${past} the site.`]]);
    expect(found(`Seoul accuses Pyongyang of ${gerund} the site.`)).toEqual([['South Korea', 'asserts', `Pyongyang ${past} the site.`]]);
  });

  it('reads "suspect X of V-ing" as a hedged accusation and "blame X for V-ing" as what X did', () => {
    const suspected = suggest('Investigators suspected the captain of dumping fuel into the bay.', []).claims;
    expect(suspected.map((c) => [c.claimant, c.verb, c.stance, c.proposition])).toEqual([['investigators', 'suspected', 'asserts', 'The captain dumped fuel into the bay.']]);
    expect(found('Investigators suspect the captain of dumping fuel into the bay.')).toEqual([['investigators', 'asserts', 'The captain dumped fuel into the bay.']]);
    expect(found('Fishermen blamed the coastguard for harassing honest crews.')).toEqual([['fishermen', 'asserts', 'The coastguard harassed honest crews.']]);
    expect(found('Police arrested two suspected smugglers near the port.')).toEqual([]);
  });

  it('puts every verb of a list of gerunds in the past', () => {
    expect(found('Critics accused the ministry of funding, arming and training the militia.')).toEqual([['critics', 'asserts', 'The ministry funded, armed and trained the militia.']]);
    expect(found('Critics accused the ministry of hacking and leaking the files.')).toEqual([['critics', 'asserts', 'The ministry hacked and leaked the files.']]);
  });
});

describe('suggest: datelines and groups', () => {
  it('starts the excerpt after a dateline and offers no entity for the dateline city', () => {
    const text = 'SEOUL, Jan. 5 (Wire) - Officials accused Russia of lying about the strike.';
    const { claims, entities } = suggest(text, []);
    expect(claims.map((c) => [c.claimant, c.claimantKind, c.exact, c.proposition])).toEqual([['officials', 'group', 'Officials accused Russia of lying about the strike.', 'Russia lied about the strike.']]);
    expect(claims[0]?.start).toBe(text.indexOf('Officials'));
    expect(entities.map((e) => e.name)).not.toContain('SEOUL');
    const geneva = suggest('GENEVA, May 3 — The harbour authority said the port would reopen on Monday.', []).claims;
    expect(geneva.map((c) => [c.claimant, c.exact])).toEqual([['harbour authority', 'The harbour authority said the port would reopen on Monday.']]);
  });

  it('takes a capitalised group noun for a group wherever the capital comes from', () => {
    for (const group of ['Officials', 'Experts', 'Analysts', 'Diplomats', 'Sources', 'Residents', 'Witnesses']) {
      const claims = suggest(`KYIV (Wire) -- ${group} said the dam was damaged.`, []).claims;
      expect(claims.map((c) => [c.claimant, c.claimantKind])).toEqual([[group.toLowerCase(), 'group']]);
    }
    expect(suggest('"The dam is safe," Experts said.', []).claims.map((c) => [c.claimant, c.claimantKind])).toEqual([['experts', 'group']]);
  });
});

describe('suggest: the running example', () => {
  const text =
    'SEOUL, Jan. 5 (Wire) - The U.S. and South Korea accuse North Korea of shipping artillery shells and missiles to Russia. ' +
    'Kim Yo Jong, the sister of North Korea\'s leader, called the accusation "the most absurd paradox" and said the weapons tests belong to a five-year build-up plan. ' +
    'South Korean officials said thousands of containers had crossed the border.';

  it('suggests the accusation of each state, its denial, and the two assertions after it', () => {
    const { claims } = suggest(text, []);
    expect(claims.map((c) => [c.claimant, c.claimantKind, c.stance, c.proposition])).toEqual([
      ['United States', 'state', 'asserts', 'North Korea shipped artillery shells and missiles to Russia.'],
      ['South Korea', 'state', 'asserts', 'North Korea shipped artillery shells and missiles to Russia.'],
      ['Kim Yo Jong', 'person', 'denies', 'North Korea shipped artillery shells and missiles to Russia.'],
      ['Kim Yo Jong', 'person', 'asserts', 'The weapons tests belong to a five-year build-up plan.'],
      ['South Korean officials', 'group', 'asserts', 'Thousands of containers had crossed the border.'],
    ]);
    const first = 'The U.S. and South Korea accuse North Korea of shipping artillery shells and missiles to Russia.';
    expect(claims[0]?.exact).toBe(first);
    expect(claims[1]?.exact).toBe(first);
    for (const c of claims) expect(sliceCodePoints(text, c.start, c.end)).toBe(c.exact);
  });

  it('merges "U.S." with "United States" and "North Korea\'s" with "North Korea", and leaves the dateline out', () => {
    const { entities } = suggest(text, []);
    const us = entities.filter((e) => e.name === 'United States' || e.aliases.includes('U.S.'));
    expect(us.map((e) => [e.name, e.kind, e.aliases])).toEqual([['United States', 'state', ['U.S.']]]);
    const north = entities.filter((e) => /north korea/i.test(e.name) || e.aliases.some((a) => /north korea/i.test(a)));
    expect(north.map((e) => [e.name, e.mentions])).toEqual([['North Korea', 2]]);
    expect(entities.map((e) => e.name.toLowerCase())).not.toContain('seoul');
  });
});

describe('suggest: stance', () => {
  it('reads denials as "denies" with what is denied as the proposition', () => {
    expect(found('The ministry denied that the trains carried weapons.')).toEqual([['ministry', 'denies', 'The trains carried weapons.']]);
    expect(found('The company has repeatedly denied polluting the river.')).toEqual([['company', 'denies', 'The company polluted the river.']]);
    expect(found('The airline rejected claims that the pilots were exhausted.')).toEqual([['airline', 'denies', 'The pilots were exhausted.']]);
    for (const verb of ['dismissed', 'refuted', 'rejected', 'rebuffed', 'disputed']) {
      const [claim] = suggest(`Inspectors said the bridge was unsafe. The council ${verb} the report.`, []).claims.slice(1);
      expect(claim).toMatchObject({ claimant: 'council', stance: 'denies', proposition: 'The bridge was unsafe.', verb });
    }
  });

  it('reads "called the accusation absurd" as a denial of the accusation made before', () => {
    const text = 'Norway accused Velmar of spying on its fishing fleet. Velmar called the accusation "a ridiculous fantasy" and said its boats were surveying fish stocks.';
    expect(found(text)).toEqual([
      ['Norway', 'asserts', 'Velmar spied on its fishing fleet.'],
      ['Velmar', 'denies', 'Velmar spied on its fishing fleet.'],
      ['Velmar', 'asserts', 'Its boats were surveying fish stocks.'],
    ]);
  });

  it('reads hedges (suggested, indicated) as assertions, keeping the verb', () => {
    const claims = analyse('Geologists suggested the quake was caused by mining. The regulator indicated that it would review the permits.', []).claims;
    expect(claims.map((c) => [c.claimant, c.verb, c.stance, c.trace.hedge])).toEqual([
      ['geologists', 'suggested', 'asserts', true],
      ['regulator', 'indicated', 'asserts', true],
    ]);
  });

  it('suggests nothing for refusals, negated or hypothetical reporting, and reporting words used otherwise', () => {
    const text = [
      'The president rejected calls for her resignation.',
      "The bank's chairman, Ivo Marek, rejected calls for a new audit.",
      'A spokesman declined to comment.',
      'The ministry did not say whether the talks had failed.',
      'The envoy will say more next week.',
      'The passengers were told to leave the ship.',
      'The general called for a ceasefire.',
      'Residents told a different story.',
      'The alleged plot was never proven.',
      'He announced an independent inquiry.',
      'Did the agency report the leak?',
    ].join(' ');
    expect(found(text)).toEqual([]);
  });
});

describe('suggest: claimants and entities', () => {
  it('names claimants as an analyst would: the person without title, groups with their qualifier', () => {
    const claims = suggest('Dr. Hana Sato said the vaccine worked. Foreign observers said the count was fair. Two senior diplomats said talks would resume. The Kremlin said nothing had changed.', []).claims;
    expect(claims.map((c) => [c.claimant, c.claimantKind])).toEqual([
      ['Hana Sato', 'person'],
      ['foreign observers', 'group'],
      ['senior diplomats', 'group'],
      ['Kremlin', 'organisation'],
    ]);
  });

  it('merges the forms of one state into one entity ("North Korea", "Pyongyang", "the North"), the claimant named by it', () => {
    const { claims, entities } = suggest('North Korea fired two missiles on Sunday. Pyongyang said the launch was routine. The North denied that it had broken any agreement.', []);
    expect(claims.map((c) => c.claimant)).toEqual(['North Korea', 'North Korea']);
    const korea = entities.find((e) => e.name === 'North Korea');
    expect(korea).toMatchObject({ kind: 'state', mentions: 3 });
    expect(new Set(korea!.aliases)).toEqual(new Set(['Pyongyang', 'the North']));
    expect(claims.every((c) => c.entityKey === korea!.key)).toBe(true);
  });

  it('does not take "the North" for North Korea in a text that never names it', () => {
    const { entities } = suggest('Storms hit the North overnight. Forecasters said the rain would ease.', []);
    expect(entities.map((e) => e.name)).not.toContain('North Korea');
  });

  it('merges a surname, a first word and an acronym into the full name', () => {
    const text = 'Martin Keller, the fund’s chief economist, said rates would rise. Keller added that inflation had peaked. The International Energy Agency said demand was falling. The IEA warned that supplies were tight. Halden Shipping said its fleet was idle. Halden said it would cut jobs.';
    const { claims, entities } = suggest(text, []);
    expect(claims.map((c) => c.claimant)).toEqual(['Martin Keller', 'Martin Keller', 'International Energy Agency', 'International Energy Agency', 'Halden Shipping', 'Halden Shipping']);
    expect(entities.find((e) => e.name === 'Martin Keller')?.aliases).toEqual(['Keller']);
    expect(entities.find((e) => e.name === 'International Energy Agency')?.aliases).toEqual(['IEA']);
    expect(entities.find((e) => e.name === 'Halden Shipping')?.aliases).toEqual(['Halden']);
  });

  it('keeps a capital that is plainly a place apart from the state it often stands for', () => {
    const { entities } = suggest('Talks were held in Warsaw on Monday. Warsaw said the talks had failed.', []);
    expect(entities.find((e) => e.kind === 'place')?.name).toBe('Warsaw');
    expect(entities.find((e) => e.name === 'Poland')?.aliases).toEqual(['Warsaw']);
  });

  it('matches the notebook’s entities by name or alias, using the notebook’s name and id', () => {
    const dprk = entity('DPRK', ['North Korea']);
    const ministry = entity('Ministry of Unification', ['Unification Ministry'], 'organisation');
    const trashed = { ...entity('Seoul'), deletedAt: '2026-02-01T00:00:00.000Z' };
    const { claims, entities } = suggest('Pyongyang denied the report. The Unification Ministry said it was monitoring the border. Seoul said it had raised its alert level.', [dprk, ministry, trashed]);
    expect(entities.find((e) => e.entityId === dprk.id)).toMatchObject({ name: 'DPRK', kind: 'state' });
    expect(entities.find((e) => e.entityId === ministry.id)).toMatchObject({ name: 'Ministry of Unification' });
    expect(claims.map((c) => [c.claimant, c.entityId])).toEqual([
      ['North Korea', dprk.id],
      ['Unification Ministry', ministry.id],
      ['South Korea', null],
    ]);
  });
});

describe('suggest: excerpts and keys', () => {
  it('gives code-point offsets whose text is the excerpt, after emoji and combining marks, with up to 32 code points of context', () => {
    // A flag (two code points, four UTF-16 units), a family emoji (ZWJ sequence), and e + U+0301.
    const text = '🇺🇦 👨‍👩‍👧 Caf\u0065\u0301 owners complained.\n\nThe mayor said the market would reopen. Police said the road was clear.';
    const { claims } = suggest(text, []);
    expect(claims).toHaveLength(2);
    for (const c of claims) {
      expect(sliceCodePoints(text, c.start, c.end)).toBe(c.exact);
      expect(sliceCodePoints(text, Math.max(0, c.start - codePointLength(c.prefix)), c.start)).toBe(c.prefix);
      expect(sliceCodePoints(text, c.end, c.end + codePointLength(c.suffix))).toBe(c.suffix);
      expect(codePointLength(c.prefix)).toBeLessThanOrEqual(32);
      expect(codePointLength(c.suffix)).toBeLessThanOrEqual(32);
    }
    expect(claims[0]!.exact).toBe('The mayor said the market would reopen.');
    expect(claims[0]!.start).toBe(codePointLength(text.slice(0, text.indexOf('The mayor'))));
    // Up to 32 code points of context, not snapped to words.
    expect(claims[1]!.prefix).toBe(sliceCodePoints(text, claims[1]!.start - 32, claims[1]!.start));
  });

  it('keys each suggestion by its range and claimant, the same on every reading and after text is added at the end', () => {
    const text = 'Engineers said the tunnel was sound. The operator denied that the tunnel had leaked.';
    const first = suggest(text, []).claims;
    expect(first.map((c) => c.key)).toEqual([`0:36:engineers`, `37:${codePointLength(text)}:operator`]);
    expect(suggest(text, []).claims.map((c) => c.key)).toEqual(first.map((c) => c.key));
    expect(suggest(`${text}\n\nLater, officials said the line would reopen.`, []).claims.slice(0, 2).map((c) => c.key)).toEqual(first.map((c) => c.key));
  });

  it('gives each of two statements by the same claimant in one sentence its own clause and key', () => {
    const { claims } = suggest('The airline denied that the engine had failed and said the crew had followed procedure.', []);
    expect(claims.map((c) => [c.stance, c.exact])).toEqual([
      ['denies', 'The airline denied that the engine had failed'],
      ['asserts', 'The airline denied that the engine had failed and said the crew had followed procedure.'],
    ]);
    expect(new Set(claims.map((c) => c.key)).size).toBe(2);
  });
});

describe('suggest: edge cases', () => {
  it('gives nothing for an empty text or one without attributions', () => {
    expect(suggest('', [])).toEqual({ claims: [], entities: [] });
    expect(suggest('  \n\n ', [])).toEqual({ claims: [], entities: [] });
    expect(suggest('The river rose two metres overnight. Roads near the bridge were closed.', []).claims).toEqual([]);
  });

  it('does not hang on a huge single line, with or without reporting verbs', () => {
    const line = 'officials said the convoy moved and '.repeat(20_000);
    expect(suggest(line, []).claims).toEqual([]);
    const words = 'word '.repeat(100_000);
    expect(suggest(`${words}said`, []).claims).toEqual([]);
  });
});
