import { measureAccuracy } from "./apologyCorpus";
import { WORDS_CORPUS, WORDS_HELD_OUT } from "./apologyWords";
test("m", () => {
  for (const [n, c] of [["words corpus", WORDS_CORPUS], ["held out", WORDS_HELD_OUT]] as const) {
    const r = measureAccuracy(c);
    console.log(n, r.correct, "/", r.total, JSON.stringify(r.wrong.map((w) => [w.text, w.got]), null, 0));
  }
});
