import { readApology } from "../../bot/rules/apology/readApology";
import { APOLOGY_CORPUS, CORPUS_NOW, CORPUS_ZONE, canonical, measureAccuracy } from "./apologyCorpus";
import { WORDS_CORPUS, WORDS_HELD_OUT, WORDS_KNOWN_MISS } from "./apologyWords";

// The three kinds of message the reader used to miss: the board's own word for its meetings, an absence
// said another way, a deputy offered. The README's "How well it reads apologies" quotes these figures.

describe("readApology: the board's own words, absences said another way, deputies offered", () => {
  it.each(WORDS_CORPUS.map((c) => [c.text, c] as const))("%s", (_text, c) => {
    expect(readApology(c.text, { timeZone: CORPUS_ZONE, now: CORPUS_NOW })).toStrictEqual(c.expected);
  });

  it("the whole corpus, old and new, reads exactly right", () => {
    const { total, correct, wrong } = measureAccuracy([...APOLOGY_CORPUS, ...WORDS_CORPUS]);
    console.log(`apology corpus with the new kinds: ${correct}/${total}`);
    expect(wrong).toEqual([]);
  });

  it("reads the held-out messages of those kinds right, but for the one known miss", () => {
    const { total, correct, wrong } = measureAccuracy(WORDS_HELD_OUT);
    console.log(`apology held-out (new kinds): ${correct}/${total + 1} read exactly right`);
    expect(wrong).toEqual([]);
    expect(WORDS_HELD_OUT.length).toBeGreaterThanOrEqual(20);
  });

  it("still misses: an absence given with its place (\"I'm away on Thursday\") is read as the reason", () => {
    const got = readApology(WORDS_KNOWN_MISS.text, { timeZone: CORPUS_ZONE, now: CORPUS_NOW });
    expect(canonical(got)).not.toBe(canonical(WORDS_KNOWN_MISS.expected));
    expect(got?.meeting).toEqual(WORDS_KNOWN_MISS.expected?.meeting);
  });
});
