// Word lists the suggester's rules read: who can be a claimant (groups, organisations, media,
// roles), what a denial can be of, and what dismisses a statement. Pure data; runs anywhere.
// Lower case throughout. A word missing here is simply not recognised; nothing is guessed from it.

const set = (words: string): ReadonlySet<string> => new Set(words.trim().split(/\s+/));

/** Plural nouns for people acting together: with their qualifiers they name a group claimant ("foreign experts"). */
export const GROUP_NOUNS = set(`
  officials experts analysts diplomats residents witnesses observers monitors researchers scientists
  economists hydrologists meteorologists cardiologists doctors physicians epidemiologists virologists
  birdwatchers journalists reporters prosecutors investigators authorities lawmakers legislators
  activists critics sources officers soldiers negotiators producers groups regulators athletes
  fishermen farmers workers engineers inspectors campaigners protesters villagers locals voters
  citizens delegates ministers leaders members scholars historians lawyers judges officers police
  militants rebels insurgents troops forces allies neighbours neighbors parents teachers students
  environmentalists conservationists climatologists seismologists geologists biologists ecologists
  pilots crews firefighters rescuers medics nurses traders bankers investors shareholders executives
  employees staff unions clerics elders commanders generals spokespeople representatives
  administrators planners auditors accountants consultants advisers advisors aides envoys
  intelligence agencies governments countries states nations others
`);

/** Head nouns of an organisation ("the defence ministry", "the port authority"). */
export const ORGANISATION_HEADS = set(`
  ministry agency commission council committee company firm union authority service bank court
  military army navy police government party alliance operator regulator office department
  administration embassy parliament congress senate cabinet board institute university foundation
  organisation organization coalition federation association secretariat command tribunal panel
  airline airlines corporation corp inc ltd plc holdings industries group chemicals pharma labs
  laboratory laboratories retail utility railway railways kremlin pentagon junta directorate bureau
  prosecutor's inspectorate watchdog consortium cartel club league academy school hospital
  coastguard regime consulate mission delegation presidency legislature municipality brigade
  battalion regiment militia guard team church clinic lab insurer lender carrier manufacturer maker
  producer retailer supplier contractor developer publisher distributor exchange
`);

/** Words that, at the end of a capitalised name, make it an organisation ("Halvorsen Chemicals", "Sentinel Labs"). */
export const ORGANISATION_SUFFIXES = set(`
  ministry agency commission council committee company union authority service bank court army navy
  police government party alliance office department administration embassy parliament congress
  senate cabinet board institute university foundation organisation organization coalition
  federation association command tribunal airlines airline corporation corp inc ltd plc holdings
  industries group chemicals pharma pharmaceuticals labs laboratories retail energy motors systems
  technologies solutions partners capital securities insurance railways telecom network networks
  fund trust centre center forces guard corps shipping airways logistics mining oil gas steel
  foods media construction electric power petroleum pharmaceutical bancorp ventures studios
`);

/** Head nouns and names of news media: claimants of kind "media outlet". */
export const MEDIA_HEADS = set(`
  newspaper broadcaster television tv radio media daily magazine outlet wire newswire channel
  tabloid weekly gazette times post herald tribune journal
`);

/** News organisations named without a telling head noun. */
export const MEDIA_NAMES = set(`
  reuters ap afp yonhap kcna xinhua tass interfax bloomberg bbc cnn nhk kyodo ria dpa efe ansa
  aljazeera al-jazeera clarín clarin le-monde lemonde
`);

/** Roles a person is introduced with ("Transport Minister Lena Brandt", "a biologist"). */
export const PERSON_ROLES = set(`
  spokesman spokeswoman spokesperson minister president premier chancellor chairman chairwoman chair
  chief executive director governor leader secretary ambassador envoy general colonel commander
  official lawyer attorney prosecutor judge economist analyst expert researcher biologist
  shopkeeper sister brother wife husband mother father son daughter head founder ceo cto cfo mayor
  senator lawmaker deputy adviser advisor aide sprinter athlete runner swimmer player coach manager
  owner resident witness doctor scientist professor historian worker officer inspector engineer
  activist campaigner negotiator diplomat journalist reporter editor correspondent hydrologist
  meteorologist cardiologist physician nurse pilot captain sergeant lieutenant admiral marshal
  king queen prince princess emperor pope cardinal bishop imam rabbi priest councillor councilor
  commissioner superintendent inspector-general secretary-general general-secretary ombudsman
  speaker representative delegate consul attaché attache envoy monitor observer villager farmer
`);

/** Honorifics and ranks written before a name, dropped from the name itself ("Dr. Ayesha Malik" → "Ayesha Malik"). */
export const HONORIFICS = set(`
  mr mrs ms miss mx dr prof sir dame lord lady gen col lt capt maj sgt adm rev gov sen rep hon
  mr. mrs. ms. dr. prof. gen. col. lt. capt. maj. sgt. adm. rev. gov. sen. rep. hon. st.
  colonel general major captain lieutenant sergeant admiral brigadier marshal commander professor
  president minister governor senator judge mayor ambassador chancellor premier king queen prince
  princess father sister brother
`);

/** Roles that tell a person's gender, for "she"/"he" to point back. */
export const FEMALE_WORDS = set('she her ms ms. mrs mrs. miss dame lady sister spokeswoman chairwoman wife mother daughter queen princess businesswoman congresswoman actress widow aunt niece grandmother');
export const MALE_WORDS = set('he him his mr mr. sir lord brother spokesman chairman husband father son king prince businessman congressman actor widower uncle nephew grandfather');

/**
 * Nouns that stand for a statement: what a denial can be of ("rejected the claim", "disputed that
 * account"). A denial of anything else is a refusal, not a denial ("rejected calls for his
 * resignation", "dismissed the employee"), and attributes nothing.
 */
export const STATEMENT_NOUNS = set(`
  report reports claim claims accusation accusations allegation allegations charge charges
  suggestion suggestions assertion assertions criticism criticisms account accounts estimate
  estimates figure figures finding findings story stories rumour rumours rumor rumors speculation
  assessment assessments idea notion ruling assurance assurances statement statements version
  description characterisation characterization theory conclusion conclusions analysis data
  numbers testimony reporting insinuation insinuations narrative interpretation picture portrayal
  premise warning warnings verdict
`);

/** Denied objects that mean the claimant did something ("denied any wrongdoing"): noun → how the proposition reads. */
export const WRONGDOING: Readonly<Record<string, (claimant: string, rest: string) => string>> = {
  wrongdoing: (c, r) => `${c} committed wrongdoing${r}`,
  involvement: (c, r) => `${c} was involved${r}`,
  role: (c, r) => `${c} had a role${r}`,
  responsibility: (c, r) => `${c} was responsible${r}`,
  knowledge: (c, r) => `${c} had knowledge${r}`,
  guilt: (c, r) => `${c} is guilty${r}`,
  links: (c, r) => `${c} has links${r}`,
  ties: (c, r) => `${c} has ties${r}`,
};

/** Words that dismiss what they describe: calling an accusation one of these denies it. */
export const DISMISSIVE = set(`
  absurd absurdity baseless groundless unfounded false untrue fabricated fabrication fabrications
  lie lies nonsense ridiculous preposterous fantasy fantasies fiction fictitious slander slanderous
  smear smears propaganda paradox rubbish hoax fake misleading distortion distortions malicious
  concocted invented laughable outrageous spurious bogus farce
`);

/** Phrases that dismiss as well ("without a shred of evidence"). */
export const DISMISSIVE_PHRASES = [/\bno evidence\b/i, /\bwithout (?:any |a shred of )?evidence\b/i, /\bnot true\b/i, /\bshred of evidence\b/i];

/** Determiners and quantifiers dropped from the front of a claimant's name ("Some economists" → "economists"). */
export const DROPPED_DETERMINERS = set(`
  the a an some several many most few various numerous two three four five six seven eight nine
  ten dozens hundreds thousands its their his her our this these those that
`);

/** Pronouns that can be a claimant; resolved to the name they point back to. */
export const SUBJECT_PRONOUNS = set('he she they it');

/** Words that begin a clause after a reporting verb with no "that" ("told local radio they had …"). */
export const CLAUSE_OPENERS = set('he she they it we i you there this these those');

/** Words that end a noun phrase when read leftwards from a verb. */
export const CLAUSE_BOUNDARIES = set(`
  that which who whom whose but because while although though whereas as after before when if
  since so unless until whether where and or nor then than
`);

/** Prepositions that may join a noun phrase ("officials in Corvo province", "the central bank of Norland"). */
export const NP_PREPOSITIONS = set('of for from in at with to on');

/** Adverbs and auxiliaries that may stand between a claimant and the reporting verb. */
export const BETWEEN_SUBJECT_AND_VERB = set(`
  has have had did does do also again later earlier then previously repeatedly flatly jointly
  publicly privately quickly firmly strongly categorically consistently long always already often
  once initially separately similarly likewise reportedly allegedly swiftly angrily vehemently
  officially formally openly immediately subsequently recently still just further
`);

/** Words that negate or make hypothetical the verb they precede: then there is no attribution. */
export const NEGATORS = set("not never n't no neither nor hardly");
export const MODALS = set('will would could may might should must can shall');

/** Verbs of refusing to speak: "declined to comment" attributes nothing. */
export const REFUSALS = set('declined refused declines refuses declining refusing failed fails');

/** Title-case words that begin sentences but are no names ("The", "According"). */
export const COMMON_CAPITALISED = set(`
  the a an this that these those it its he she they we i in on at for from by with as after before
  but and or according however meanwhile yet still also some several many most other others both
  each every no not while although though when if since because despite during until last next
  his her their our there here what which who whom whose where why how one two three four five
`);
