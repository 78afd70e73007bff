// The word lists the apology reader recognises.

export const words = (s: string) => new Set(s.split(" "));
export const WEEKDAYS = words("monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thur thurs fri sat sun");
export const MONTHS = words("january february march april may june july august september october november december jan feb mar apr jun jul aug sep sept oct nov dec");
const DAY_WORDS = words("today tonight tomorrow morning afternoon evening day week next upcoming forthcoming coming following");
// A board's own word for its meetings: a leadership group, a panel, a forum, a committee, an executive.
const MEETING_WORDS = words("meeting meetings board boards csp partnership session call one group panel forum committee executive exec steering leadership strategic");
export const isDateWord = (w: string) => WEEKDAYS.has(w) || MONTHS.has(w) || DAY_WORDS.has(w) || /^\d/.test(w);
export const isMeetingWord = (w: string) => MEETING_WORDS.has(w);
// Capitalised in chat without being anyone's name.
export const NOT_NAMES = words(
  "i i'm i've i'll i'd apologies apology sorry please thanks thank hi hello hey dear regards cheers unfortunately also and but so just fyi re " +
    "morning afternoon evening today tomorrow tonight the a an all everyone team board meeting csp we they he she it my our can could would will " +
    "not no yes ok unable afraid regret sadly hope as due because since for from on in at there this that send sending deputy substitute instead " +
    "who what when apols many kind best good",
);
export const TITLES = words("cllr councillor dr mr mrs ms miss prof sir dame supt superintendent ch chief insp inspector dci di ds dc pc sgt det");
export const PARTICLES = words("de van von der den le la di da du del st");
// Words that make a named thing an organisation, not a person: "Essex Police", "Thurrock Council".
export const ORG_WORDS = words(
  "police constabulary council fire rescue probation icb nhs health service services cvs dwp trust commissioner pfcc opfcc department office " +
    "partnership authority borough county university college school schools association housing hospital ambulance unit centre",
);
// A reply or a document slip, not an absence: "Apologies, wrong attachment".
export const SLIPS = words(
  "wrong typo typos mistake error late lateness delay delayed missed resend resent attachment attached link confusion inconvenience duplicate " +
    "reply replied response responding earlier above meant forgot forgotten spam ignore previous formatting double posted message email",
);
