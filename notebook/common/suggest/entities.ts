// The entities a source names, with the forms that mean the same one merged ("North Korea",
// "Pyongyang", "the North"; "Andrei Voss", "Voss"; "World Anti-Doping Agency", "WADA") and matched
// to the notebook's entities by name or alias. Pure; runs anywhere. Never merges two names on a
// guess between equals: a surname shared by two people goes to the one named last before it.
import type { Entity, Id } from '../model.js';
import type { EntityKind, SuggestedEntity } from './types.js';
import { CAPITALS, compactForm, CONTEXTUAL_FORMS, knownName } from './gazetteer.js';
import { HONORIFICS, MEDIA_HEADS } from './lexicon.js';
import type { Named } from './noun-phrases.js';

/** A name as matched: NFKC, lower case, no dots, no leading "the", no honorific, single spaces. */
export function normaliseName(name: string): string {
  let s = compactForm(name.normalize('NFKC').replace(/[’']s$/i, ''))
    .toLowerCase()
    .replace(/^the /, '');
  const first = s.split(' ')[0] ?? '';
  if (s.includes(' ') && HONORIFICS.has(first) && !['president', 'minister', 'general', 'king', 'queen', 'prince', 'princess', 'father', 'sister', 'brother', 'judge', 'governor', 'mayor'].includes(first)) {
    s = s.slice(first.length + 1);
  }
  return s;
}

/** Prepositions before a capital that make it a place, not the government it often stands for ("talks in Montevideo"). */
const LOCATIVE = /(?:^|\s)(?:in|at|near|outside|around|inside|within|across|through|toward|towards)\s+$/i;

/** One entity being built: the forms found, merged by union-find. */
interface Entry {
  forms: Map<string, string>; // normalised → as written (first seen)
  kind: EntityKind;
  /** How sure the kind is: a gazetteer or the notebook beats a tag, a tag beats a guess. */
  kindWeight: number;
  mentions: number;
  first: number;
  proper: boolean;
  /** The notebook's entity, when one of its names is one of these forms. */
  entity: Entity | null;
  /** The gazetteer's name for it, when known ("North Korea" for "Pyongyang"). */
  knownAs: string | null;
  /** Only tentative names so far: dropped unless merged with a sure one. */
  tentative: boolean;
  parent: Entry | null;
}

function root(e: Entry): Entry {
  let r = e;
  while (r.parent) r = r.parent;
  return r;
}

function union(a: Entry, b: Entry): void {
  const ra = root(a);
  const rb = root(b);
  if (ra === rb) return;
  // The earlier-mentioned entry is the root, so names come out in reading order.
  const [keep, drop] = ra.first <= rb.first ? [ra, rb] : [rb, ra];
  drop.parent = keep;
  for (const [k, v] of drop.forms) if (!keep.forms.has(k)) keep.forms.set(k, v);
  keep.mentions += drop.mentions;
  keep.proper ||= drop.proper;
  keep.entity ??= drop.entity;
  keep.knownAs ??= drop.knownAs;
  keep.tentative &&= drop.tentative;
  if (drop.kindWeight > keep.kindWeight) {
    keep.kind = drop.kind;
    keep.kindWeight = drop.kindWeight;
  }
}

/** A name found in the text: a mention (counted), or a claimant (listed even when only described). */
export interface NameUse {
  named: Named;
  /** Counted as a mention of the entity (pronouns and descriptions pointing back are not). */
  mention: boolean;
}

export interface EntityGroup {
  key: string;
  /** The name from the text: the fullest form, or the gazetteer's ("North Korea"). */
  textName: string;
  entity: SuggestedEntity;
}

export interface Entities {
  list: SuggestedEntity[];
  /** The entity a name belongs to (by its normalised form), if it became one. */
  groupOf(name: string): EntityGroup | null;
}

/** Builds the entities from every name use, merging forms, and matches them to the notebook's. */
export function buildEntities(text: string, uses: readonly NameUse[], known: readonly Entity[]): Entities {
  const entries = new Map<string, Entry>();
  const entryFor = (name: string, kind: EntityKind, weight: number, at: number, proper: boolean, place = false): Entry => {
    // A capital named as a place is kept apart from the same word standing for its state.
    const key = place ? `place:${normaliseName(name)}` : normaliseName(name);
    let e = entries.get(key);
    if (!e) {
      e = { forms: new Map([[key, name]]), kind, kindWeight: weight, mentions: 0, first: at, proper, entity: null, knownAs: null, tentative: true, parent: null };
      entries.set(key, e);
    } else {
      if (weight > e.kindWeight) {
        e.kind = kind;
        e.kindWeight = weight;
      }
      e.first = Math.min(e.first, at);
      e.proper ||= proper;
    }
    return e;
  };

  // Claimants first: a description ("foreign experts") is an entity only as a claimant, and its
  // mentions count once it is one.
  const ordered = [...uses.filter((u) => !u.mention), ...uses.filter((u) => u.mention)];
  // A claimant named where no mention was found (a lone unknown word such as "Quarrow") is a mention too.
  const mentionStarts = new Set(uses.filter((u) => u.mention).map((u) => u.named.start));
  for (const { named, mention } of ordered) {
    let { name, kind } = named;
    let asPlace = false;
    // "the North" keeps its article: without it, it is a direction.
    const bare = named.surface.replace(/^the\s+/i, '');
    const surface = CONTEXTUAL_FORMS.has(`the ${bare}`) ? `the ${bare}` : bare;
    // A capital after "in", "at", "near" is the city, not its government.
    if (CAPITALS.has(surface) && LOCATIVE.test(text.slice(Math.max(0, named.start - 12), named.start))) {
      name = surface;
      kind = 'place';
      asPlace = true;
    }
    if (!named.proper) {
      const existing = entries.get(normaliseName(name));
      if (mention && existing) existing.mentions++;
      if (mention || name === '') continue;
    }
    const gazetteer = kind === 'place' ? undefined : knownName(name);
    const e = entryFor(name, gazetteer?.kind ?? kind, named.tentative ? 0 : gazetteer ? 3 : named.proper ? 2 : 1, named.start, named.proper, asPlace);
    // A form merged before stands for its entity: what is learnt now belongs to the whole entity.
    if (!named.tentative) root(e).tentative = false;
    // "Yonhap news agency" is also "Yonhap": the name before a lower-case description.
    const prefix = /^((?:\p{Lu}[\p{L}\p{M}'’.-]*\s+)+)(?!(?:of|for|and|de|la|the|on|in)\s)\p{Ll}/u.exec(name);
    const tail = prefix ? name.slice((prefix[1] as string).length).toLowerCase() : '';
    if (prefix && !/['’]s\s/.test(prefix[1] as string) && (tail === 'news agency' || MEDIA_HEADS.has(tail)) && !knownName(name)) union(e, entryFor((prefix[1] as string).trim(), kind, 0, named.start, true));
    if (gazetteer) root(e).knownAs ??= gazetteer.name;
    if (mention || (named.proper && named.surface !== named.name ? !mentionStarts.has(named.start) && named.surface !== '' : !mentionStarts.has(named.start))) root(e).mentions++;
    // The form written in the text is another name of the same entity ("Pyongyang" for North Korea).
    // Only another name, not the name with its role ("chief executive Marta Lindqvist").
    const anotherName = !normaliseName(surface).includes(normaliseName(name)) && /^\p{Lu}/u.test(surface.replace(/^the /, ''));
    if (named.proper && surface && anotherName && !/^(?:he|she|it|they)$/i.test(surface) && kind !== 'place') {
      const alias = entryFor(surface, e.kind, 0, named.start, true);
      union(e, alias);
    }
    if (named.acronym) union(e, entryFor(named.acronym, e.kind, 0, named.start, true));
  }

  const all = [...entries.values()];
  // Every form of a state or organisation the gazetteer knows joins the others.
  const byKnown = new Map<string, Entry>();
  for (const e of all) {
    const k = e.knownAs ?? knownName([...e.forms.values()][0] as string)?.name;
    if (!k || e.kind === 'place') continue;
    e.knownAs = k;
    const other = byKnown.get(k);
    if (other) union(other, e);
    else byKnown.set(k, e);
  }
  // An acronym joins the name whose initials it is ("WADA" → World Anti-Doping Agency).
  for (const e of all) {
    for (const form of e.forms.values()) {
      if (!/^\p{Lu}{2,6}$/u.test(compactForm(form))) continue;
      const matches = all.filter((o) => o !== e && [...o.forms.values()].some((f) => initials(f) === compactForm(form)));
      if (matches.length === 1) union(matches[0] as Entry, e);
    }
  }
  // A surname or a first word alone joins the one full name it belongs to; between two, the one
  // named last before it ("Kim" after "Kim Yo Jong"). Organisations likewise ("Quarrow").
  for (const e of all) {
    if (root(e) !== e && root(e).forms.size > 1 && [...root(e).forms.keys()].some((k) => k.includes(' '))) continue;
    const forms = [...e.forms.keys()];
    if (forms.length !== 1 || (forms[0] as string).includes(' ')) continue;
    const word = forms[0] as string;
    const longer = all.filter((o) => root(o) !== root(e) && (o.kind === 'person' || o.kind === 'organisation' || o.kind === 'media outlet') && [...o.forms.keys()].some((f) => {
      const words = f.split(' ');
      return words.length > 1 && (words[0] === word || (o.kind === 'person' && words.at(-1) === word));
    }));
    if (longer.length === 0) continue;
    const before = longer.filter((o) => o.first < e.first).sort((a, b) => b.first - a.first);
    const chosen = longer.length === 1 ? longer[0] : before[0];
    if (chosen) union(chosen, e);
  }
  // The notebook's entities: a form equal to one of its names or aliases is that entity.
  const notebookForms = new Map<string, Entity>();
  for (const entity of known) {
    if (entity.deletedAt) continue;
    for (const f of [entity.name, ...entity.aliases]) if (!notebookForms.has(normaliseName(f))) notebookForms.set(normaliseName(f), entity);
  }
  const byNotebook = new Map<Id, Entry>();
  for (const e of all) {
    for (const f of e.forms.keys()) {
      const entity = notebookForms.get(f);
      if (!entity) continue;
      const r = root(e);
      r.entity ??= entity;
      const other = byNotebook.get(entity.id);
      if (other) union(other, r);
      else byNotebook.set(entity.id, r);
      break;
    }
  }

  const groups = new Map<Entry, EntityGroup>();
  const usedKeys = new Set<string>();
  const roots = [...new Set(all.map(root))].filter((r) => !r.tentative).sort((a, b) => a.first - b.first);
  for (const r of roots) {
    const forms = [...r.forms.values()];
    const textName = r.knownAs ?? fullest(forms, r.kind);
    const name = r.entity?.name ?? textName;
    const kind = r.entity?.kind ?? r.kind;
    const aliases = uniqueForms(forms.filter((f) => normaliseName(f) !== normaliseName(name)));
    let key = slug(textName) || 'entity';
    for (let n = 2; usedKeys.has(key); n++) key = `${slug(textName)}-${n}`;
    usedKeys.add(key);
    groups.set(r, {
      key,
      textName,
      entity: { key, name, kind, aliases, entityId: r.entity?.id ?? null, mentions: r.mentions },
    });
  }
  return {
    list: [...groups.values()].map((g) => g.entity),
    groupOf(name: string) {
      const e = entries.get(normaliseName(name));
      return e ? (groups.get(root(e)) ?? null) : null;
    },
  };
}

/** "World Anti-Doping Agency" → "WADA": the capitals of its words, "of", "for" and "the" left out. */
function initials(name: string): string {
  return name
    .split(/[\s-]+/)
    .filter((w) => /^\p{Lu}/u.test(w) && !['Of', 'For', 'The', 'And'].includes(w))
    .map((w) => w.charAt(0))
    .join('');
}

/** The fullest form: the most words, then the longest; a person's without an honorific. */
function fullest(forms: readonly string[], kind: EntityKind): string {
  const candidates = forms.filter((f) => !/^the /i.test(f) || forms.length === 1);
  const best = [...(candidates.length ? candidates : forms)].sort((a, b) => b.split(/\s+/).length - a.split(/\s+/).length || b.length - a.length)[0] as string;
  return kind === 'person' ? best.replace(/^(?:Mr|Mrs|Ms|Dr|Prof)\.?\s+/, '') : best;
}

function uniqueForms(forms: readonly string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const f of forms) {
    const k = normaliseName(f);
    if (seen.has(k)) continue;
    seen.add(k);
    out.push(f);
  }
  return out;
}

function slug(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}
