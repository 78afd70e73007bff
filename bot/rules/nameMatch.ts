// Matches a name typed in chat ("Tony Atkin", "Cllr Collins", "Cheryl") to a member of the roster.
// Names are compared without titles, case or accents; a first name may be a short form ("Mike" for
// Michael) or an initial. The closest kind of match wins: a full name beats a nickname, which beats a
// one-letter typo, so "Mark" never reaches past the Marks. An organisation hint only breaks ties.

export type NameMatch<T> = { kind: "one"; member: T } | { kind: "several"; members: T[] } | { kind: "none" };

interface Matchable {
  name: string;
  organisation: string;
  email: string;
  status?: string;
}

export function matchMember<T extends Matchable>(typed: string, roster: readonly T[], opts: { organisation?: string } = {}): NameMatch<T> {
  const current = roster.filter((m) => m.status !== "former");
  let text = typed.trim().replace(/^mailto:/i, "");
  if (text.includes("@")) {
    // An address is exact: a near miss is someone else's address.
    const email = text.toLowerCase();
    return result(current.filter((m) => m.email.trim().toLowerCase() === email));
  }
  // "Mark (ECFRS)": the bracket is an organisation hint.
  let organisation = opts.organisation;
  const bracket = /\(([^)]*)\)/.exec(text);
  if (bracket) {
    organisation ??= bracket[1];
    text = text.replace(bracket[0], " ");
  }
  // "Eaglestone, Mark"
  const comma = /^([^,]+),([^,]+)$/.exec(text);
  if (comma) text = `${comma[2]} ${comma[1]}`;

  const wanted = nameWords(text);
  if (wanted.words.length === 0) return { kind: "none" };
  let best: T[] = [];
  let bestTier = Infinity;
  for (const member of current) {
    const tier = matchTier(wanted.words, nameWords(member.name).words);
    if (tier === undefined || tier > bestTier) continue;
    if (tier < bestTier) best = [];
    bestTier = tier;
    best.push(member);
  }
  if (best.length > 1 && organisation && organisation.trim()) best = narrow(best, (m) => sameOrganisation(organisation ?? "", m.organisation));
  // "Cllr Smith" when there are two Smiths and one is a councillor.
  if (best.length > 1 && wanted.councillor) best = narrow(best, (m) => nameWords(m.name).councillor);
  return result(best);
}

function result<T>(members: T[]): NameMatch<T> {
  const [first] = members;
  if (first === undefined) return { kind: "none" };
  return members.length === 1 ? { kind: "one", member: first } : { kind: "several", members };
}

/** Keeps those that pass, unless none do: a hint that fits nobody is ignored rather than trusted. */
function narrow<T>(members: T[], keep: (m: T) => boolean): T[] {
  const kept = members.filter(keep);
  return kept.length > 0 ? kept : members;
}

// ---- Names --------------------------------------------------------------------------------------------

const TITLES = new Set(
  ("cllr councillor dr mr mrs ms mx miss prof professor sir dame lord lady rev revd supt superintendent ch chief insp inspector " +
    "ci dci di ds dc pc sgt sergeant det detective commander acting asst assistant").split(" "),
);

/** Lower-case words without titles or accents: "Cllr G. Collins" → ["g", "collins"]. */
function nameWords(name: string): { words: string[]; councillor: boolean } {
  const all = name
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/['\u2019]/g, "")
    .replace(/[^\p{L}\p{N}\s-]/gu, " ")
    .split(/\s+/)
    .filter((w) => w !== "" && w !== "-");
  const councillor = all.some((w) => w === "cllr" || w === "councillor");
  // "Group Commander Mark Eaglestone": "group" is a title only before "commander".
  const words = all.filter((w, i) => !TITLES.has(w) && !(w === "group" && all[i + 1] === "commander"));
  return { words, councillor };
}

/**
 * How closely typed words name a member, or undefined. Two or more words compare first and last names
 * (0 exact, 1 short form or initial, 2 a typo); one word may be either name (1 exact, 2 short form, 3 a typo).
 */
function matchTier(typed: string[], member: string[]): number | undefined {
  const first = member[0];
  const last = member[member.length - 1];
  if (first === undefined || last === undefined) return undefined;
  const tf = typed[0] ?? "";
  const tl = typed[typed.length - 1] ?? "";
  if (typed.length === 1) {
    if (tf.length < 2) return undefined; // an initial alone names nobody
    if (tf === first || tf === last) return 1;
    if (member.length > 1 && shortFormOf(tf, first)) return 2;
    if (nearly(tf, last) || (member.length > 1 && nearly(tf, first))) return 3;
    return undefined;
  }
  if (typed.join(" ") === member.join(" ")) return 0;
  // "Cllr Jefferies" has no first name on the roster: any first name may be his.
  const firstFits = (f: string) => member.length === 1 || f === first || shortFormOf(f, first) || initialOf(f, first);
  if (tl === last && firstFits(tf)) return 1;
  if (initialOf(tl, last) && tf === first) return 1; // "Mark E"
  if ((tl === last && nearly(tf, first)) || (nearly(tl, last) && (firstFits(tf) || nearly(tf, first)))) return 2;
  return undefined;
}

const initialOf = (a: string, b: string) => (a.length === 1 && b.startsWith(a)) || (b.length === 1 && a.startsWith(b));

/** One slip (a letter missed, added, changed or swapped) in a word of five letters or more: "Myddleton". */
function nearly(a: string, b: string): boolean {
  if (a.length < 5 || b.length < 5 || Math.abs(a.length - b.length) > 1) return false;
  return editDistance(a, b) <= 1;
}

/** Damerau–Levenshtein (optimal string alignment). */
function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  const at = (i: number, j: number) => d[i]?.[j] ?? Infinity;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, at(i - 2, j - 2) + 1);
      const row = d[i];
      if (row) row[j] = v;
    }
  }
  return at(a.length, b.length);
}

// Common English short forms and the names they stand for.
const SHORT_FORMS: Record<string, string[]> = {
  tony: ["anthony", "antony"],
  mike: ["michael"],
  mick: ["michael"],
  jim: ["james"],
  jimmy: ["james"],
  jamie: ["james"],
  bill: ["william"],
  billy: ["william"],
  will: ["william"],
  liam: ["william"],
  bob: ["robert"],
  bobby: ["robert"],
  rob: ["robert"],
  robbie: ["robert"],
  bert: ["robert", "albert", "herbert"],
  liz: ["elizabeth"],
  lizzie: ["elizabeth"],
  beth: ["elizabeth", "bethany"],
  betty: ["elizabeth"],
  libby: ["elizabeth"],
  kate: ["katherine", "catherine", "kathryn", "kathleen"],
  katie: ["katherine", "catherine", "kathryn", "kathleen"],
  kath: ["katherine", "kathryn", "kathleen"],
  cath: ["catherine"],
  cathy: ["catherine"],
  kathy: ["katherine", "kathryn", "kathleen"],
  chris: ["christopher", "christine", "christina"],
  russ: ["russell"],
  greg: ["gregory"],
  jo: ["joanne", "josephine", "joanna", "joan"],
  sue: ["susan", "suzanne"],
  suzy: ["susan", "suzanne"],
  dave: ["david"],
  steve: ["stephen", "steven"],
  andy: ["andrew"],
  drew: ["andrew"],
  tom: ["thomas"],
  tommy: ["thomas"],
  pat: ["patrick", "patricia"],
  trish: ["patricia"],
  sam: ["samuel", "samantha"],
  alex: ["alexander", "alexandra"],
  ben: ["benjamin"],
  dan: ["daniel"],
  danny: ["daniel"],
  matt: ["matthew"],
  nick: ["nicholas"],
  nicky: ["nicholas", "nicola"],
  rich: ["richard"],
  rick: ["richard"],
  dick: ["richard"],
  tim: ["timothy"],
  jen: ["jenny", "jennifer"],
  jenny: ["jennifer"],
  maggie: ["margaret"],
  meg: ["margaret"],
  peggy: ["margaret"],
  ed: ["edward", "edmund"],
  eddie: ["edward"],
  ted: ["edward"],
  fred: ["frederick"],
  harry: ["henry", "harold"],
  jack: ["john"],
  jon: ["jonathan"],
  ken: ["kenneth"],
  phil: ["philip", "phillip"],
  pete: ["peter"],
  ray: ["raymond"],
  ron: ["ronald"],
  becky: ["rebecca"],
  debbie: ["deborah", "debra"],
  gill: ["gillian"],
  jackie: ["jacqueline"],
  mandy: ["amanda"],
  mel: ["melanie"],
  pam: ["pamela"],
  vicky: ["victoria"],
};

/** "Tony" for Anthony, "Jen" for Jenny (both Jennifer), either way round. */
function shortFormOf(a: string, b: string): boolean {
  if (a === b) return true;
  const fa = SHORT_FORMS[a] ?? [];
  const fb = SHORT_FORMS[b] ?? [];
  return fa.includes(b) || fb.includes(a) || fa.some((n) => fb.includes(n));
}

// ---- Organisations ------------------------------------------------------------------------------------

const LINKING = new Set(["and", "of", "the", "for", "&"]);
const orgWords = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^\p{L}\p{N}&\s]/gu, " ")
    .split(/\s+/)
    .filter((w) => w !== "" && w !== "the");

/** "ECFRS", "Probation", "the ICB", "Essex Fire" all name Essex County Fire and Rescue Service or theirs. */
export function sameOrganisation(hint: string, organisation: string): boolean {
  const h = orgWords(hint);
  const o = orgWords(organisation);
  if (h.length === 0 || o.length === 0) return false;
  const hj = h.join(" ");
  const oj = o.join(" ");
  if (` ${oj} `.includes(` ${hj} `) || ` ${hj} `.includes(` ${oj} `)) return true;
  // Every word of the hint is one of the organisation's: "Essex Fire", "Thurrock CVS".
  if (h.every((w) => o.includes(w))) return true;
  // An acronym of the organisation's words, with or without "and"/"of": ECFRS, ECFARS, DWP, PFCC.
  const acronym = (ws: string[]) => ws.map((w) => w[0] ?? "").join("");
  const squeezed = h.join("");
  return h.length === 1 && squeezed.length >= 2 && (squeezed === acronym(o.filter((w) => !LINKING.has(w))) || squeezed === acronym(o));
}
