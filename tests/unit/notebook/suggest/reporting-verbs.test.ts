import { describe, expect, it } from 'vitest';
import { mayReport, reportingVerb } from '../../../../notebook/common/suggest/reporting-verbs.js';

describe('reporting verbs', () => {
  it('gives the stance of each form: denials deny, the rest (hedges too) assert', () => {
    for (const word of ['denied', 'denies', 'dismissed', 'refuted', 'rejected', 'rebuffed', 'disputed', 'contested', 'questioned', 'disagreed']) {
      expect(reportingVerb(word)?.stance, word).toBe('denies');
    }
    for (const word of ['said', 'says', 'told', 'reported', 'indicated', 'accused', 'suggested', 'claimed', 'warned', 'confirmed', 'insisted', 'added', 'believe']) {
      expect(reportingVerb(word)?.stance, word).toBe('asserts');
    }
    expect(reportingVerb('suggested')).toMatchObject({ lemma: 'suggest', hedge: true });
    expect(reportingVerb('said')).toMatchObject({ lemma: 'say', hedge: false, form: 'past' });
    expect(reportingVerb('walked')).toBeUndefined();
  });

  it('inflects regular and irregular verbs', () => {
    expect(['denying', 'denied', 'denies'].map((w) => reportingVerb(w)?.lemma)).toEqual(['deny', 'deny', 'deny']);
    expect(['admitted', 'admitting'].map((w) => reportingVerb(w)?.lemma)).toEqual(['admit', 'admit']);
    expect(['agreeing', 'agreed'].map((w) => reportingVerb(w)?.lemma)).toEqual(['agree', 'agree']);
    expect(reportingVerb('Told')?.lemma).toBe('tell');
  });

  it('says which frame a verb takes and whether a noun phrase alone can be its content', () => {
    expect(reportingVerb('accused')?.frame).toBe('accuse');
    expect(reportingVerb('told')?.frame).toBe('tell');
    expect(reportingVerb('denied')).toMatchObject({ frame: 'object', takesObject: true });
    expect(reportingVerb('announced')).toMatchObject({ frame: 'clause', takesObject: false });
  });

  it('picks sentences that may hold an attribution: a reporting word, "according to", or an opening quotation mark', () => {
    expect(mayReport('Officials said so.')).toBe(true);
    expect(mayReport('The ships sailed, according to the port.')).toBe(true);
    expect(mayReport('"Nobody wants that."')).toBe(true);
    expect(mayReport('The river rose two metres overnight.')).toBe(false);
    expect(mayReport('Accordingly, the port closed.')).toBe(false);
  });
});
