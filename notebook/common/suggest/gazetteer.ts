// States and international organisations by every name the news uses for them: the official name,
// short forms, acronyms and the capital standing for the government ("Pyongyang denied …").
// Pure data; runs anywhere. Never a full world list: what is missing is found by the tagger and
// merged by the rules in entities.ts, not guessed here.
import type { EntityKind } from './types.js';

export interface KnownName {
  /** How an analyst names it: "North Korea". */
  name: string;
  kind: EntityKind;
  /**
   * Other forms, matched whole and case-sensitively as written here (after dots are dropped). A
   * capital stands for its state except where it is plainly a place ("talks in Montevideo"):
   * entities.ts decides that from the word before it. Capitals that are also common first names
   * (Sofia, Santiago, Kingston) are left out.
   */
  aliases: readonly string[];
  /**
   * Forms that mean this entity only when the text also names it by another form: "the North"
   * is North Korea in a report that mentions North Korea or Pyongyang, not in one about a river.
   */
  contextual?: readonly string[];
}

const state = (name: string, aliases: string[], contextual?: string[]): KnownName => ({ name, kind: 'state', aliases, ...(contextual ? { contextual } : {}) });
const org = (name: string, aliases: string[]): KnownName => ({ name, kind: 'organisation', aliases });

export const KNOWN_NAMES: readonly KnownName[] = [
  state('North Korea', ['Pyongyang', 'DPRK', "Democratic People's Republic of Korea"], ['the North']),
  state('South Korea', ['Seoul', 'Republic of Korea', 'ROK'], ['the South']),
  state('United States', ['US', 'USA', 'United States of America', 'America', 'Washington']),
  state('United Kingdom', ['UK', 'Britain', 'Great Britain', 'London']),
  state('Russia', ['Russian Federation', 'Moscow']),
  state('China', ["People's Republic of China", 'PRC', 'Beijing']),
  state('Japan', ['Tokyo']),
  state('Taiwan', ['Taipei']),
  state('Ukraine', ['Kyiv', 'Kiev']),
  state('France', ['Paris']),
  state('Germany', ['Berlin']),
  state('Italy', ['Rome']),
  state('Spain', ['Madrid']),
  state('Poland', ['Warsaw']),
  state('Iran', ['Tehran', 'Islamic Republic of Iran']),
  state('Iraq', ['Baghdad']),
  state('Syria', ['Damascus']),
  state('Israel', []),
  state('Turkey', ['Ankara', 'Türkiye']),
  state('Saudi Arabia', ['Riyadh']),
  state('Egypt', ['Cairo']),
  state('India', ['New Delhi']),
  state('Pakistan', ['Islamabad']),
  state('Afghanistan', ['Kabul']),
  state('Canada', ['Ottawa']),
  state('Australia', ['Canberra']),
  state('Brazil', ['Brasília', 'Brasilia']),
  state('Argentina', ['Buenos Aires']),
  state('Mexico', ['Mexico City']),
  state('Venezuela', ['Caracas']),
  state('Belarus', ['Minsk']),
  state('Georgia', ['Tbilisi']),
  state('Armenia', ['Yerevan']),
  state('Azerbaijan', ['Baku']),
  state('Serbia', ['Belgrade']),
  state('Hungary', ['Budapest']),
  state('Sweden', ['Stockholm']),
  state('Norway', ['Oslo']),
  state('Finland', ['Helsinki']),
  state('Denmark', ['Copenhagen']),
  state('Netherlands', ['The Hague', 'Holland']),
  state('Greece', ['Athens']),
  state('Lebanon', ['Beirut']),
  state('Jordan', ['Amman']),
  state('Qatar', ['Doha']),
  state('Yemen', ['Sanaa']),
  state('Libya', ['Tripoli']),
  state('Sudan', ['Khartoum']),
  state('Ethiopia', ['Addis Ababa']),
  state('Kenya', ['Nairobi']),
  state('Nigeria', ['Abuja']),
  state('South Africa', ['Pretoria']),
  state('Vietnam', ['Hanoi']),
  state('Philippines', ['Manila']),
  state('Indonesia', ['Jakarta']),
  state('Thailand', ['Bangkok']),
  state('Myanmar', ['Burma', 'Naypyidaw']),
  state('Cuba', ['Havana']),
  state('Colombia', ['Bogotá', 'Bogota']),
  state('Chile', []),
  state('Peru', []),
  state('Mongolia', ['Ulaanbaatar']),
  state('Kazakhstan', ['Astana']),
  state('Jamaica', []),
  state('Uruguay', ['Montevideo']),
  state('Portugal', ['Lisbon']),
  state('Ireland', ['Dublin']),
  state('Austria', ['Vienna']),
  state('Switzerland', ['Bern']),
  state('Belgium', []),
  state('Czech Republic', ['Czechia', 'Prague']),
  state('Romania', ['Bucharest']),
  state('Bulgaria', []),
  state('Lithuania', ['Vilnius']),
  state('Latvia', ['Riga']),
  state('Estonia', ['Tallinn']),
  state('Moldova', ['Chisinau']),
  state('New Zealand', ['Wellington']),
  org('United Nations', ['UN', 'U.N.']),
  org('UN Security Council', ['United Nations Security Council', 'Security Council']),
  org('NATO', ['North Atlantic Treaty Organization', 'Nato']),
  org('European Union', ['EU', 'Brussels']),
  org('International Atomic Energy Agency', ['IAEA']),
  org('World Health Organization', ['WHO']),
  org('International Monetary Fund', ['IMF']),
  org('OSCE', ['Organization for Security and Co-operation in Europe']),
  org('Kremlin', ['the Kremlin']),
  org('White House', ['the White House']),
  org('Pentagon', ['the Pentagon']),
];

/** Capitals, which stand for their state except where they are plainly a place (see KnownName.aliases). */
export const CAPITALS: ReadonlySet<string> = new Set([
  'Abuja', 'Addis Ababa', 'Amman', 'Ankara', 'Astana', 'Athens', 'Baghdad', 'Baku', 'Bangkok', 'Beijing',
  'Beirut', 'Belgrade', 'Berlin', 'Bern', 'Bogota', 'Bogotá', 'Brasilia', 'Brasília', 'Brussels',
  'Bucharest', 'Budapest', 'Buenos Aires', 'Cairo', 'Canberra', 'Caracas', 'Chisinau', 'Copenhagen',
  'Damascus', 'Doha', 'Dublin', 'Hanoi', 'Havana', 'Helsinki', 'Islamabad', 'Jakarta', 'Kabul', 'Khartoum',
  'Kiev', 'Kyiv', 'Lisbon', 'London', 'Madrid', 'Manila', 'Mexico City', 'Minsk', 'Montevideo', 'Moscow',
  'Nairobi', 'Naypyidaw', 'New Delhi', 'Oslo', 'Ottawa', 'Paris', 'Prague', 'Pretoria', 'Pyongyang', 'Riga',
  'Riyadh', 'Rome', 'Sanaa', 'Seoul', 'Stockholm', 'Taipei', 'Tallinn', 'Tbilisi', 'Tehran', 'The Hague',
  'Tokyo', 'Tripoli', 'Ulaanbaatar', 'Vienna', 'Vilnius', 'Warsaw', 'Washington', 'Wellington', 'Yerevan',
]);

/** Dots dropped and spaces single: "U.S." and "US" are one form. */
export function compactForm(name: string): string {
  return name.replace(/\./g, '').replace(/\s+/g, ' ').trim();
}

const BY_FORM = new Map<string, KnownName>();
for (const known of KNOWN_NAMES) {
  for (const form of [known.name, ...known.aliases]) BY_FORM.set(compactForm(form), known);
}

/** The known state or organisation a name is a form of ("U.S." → United States), if any; contextual forms excluded. */
export function knownName(name: string): KnownName | undefined {
  const form = compactForm(name).replace(/^the /i, '');
  return BY_FORM.get(form) ?? BY_FORM.get(compactForm(name));
}

/** Every contextual form ("the North") with the entity it may stand for. */
export const CONTEXTUAL_FORMS: ReadonlyMap<string, KnownName> = new Map(KNOWN_NAMES.flatMap((k) => (k.contextual ?? []).map((f) => [f, k] as const)));
