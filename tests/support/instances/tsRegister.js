// Lets a forked child process run the project's TypeScript as the tests do (jest's ts-jest lives only in
// jest's own process): each .ts file is transpiled on require with the project's compiler settings, and
// the output kept on disk by content hash, so that the next child starts in about a second.
const crypto = require("node:crypto");
const fs = require("node:fs");
const path = require("node:path");
const ts = require("typescript");

const root = path.resolve(__dirname, "../../..");
const cache = path.join(root, "node_modules", ".cache", "quorate-ts");
const { config } = ts.readConfigFile(path.join(root, "tsconfig.json"), ts.sys.readFile);
const { options } = ts.convertCompilerOptionsFromJson({ ...config.compilerOptions, sourceMap: false, inlineSourceMap: false }, root);
fs.mkdirSync(cache, { recursive: true });

require.extensions[".ts"] = (module, filename) => {
  const source = fs.readFileSync(filename, "utf8");
  const key = crypto.createHash("sha1").update(ts.version).update(filename).update(source).digest("hex");
  const cached = path.join(cache, key + ".js");
  let output;
  try {
    output = fs.readFileSync(cached, "utf8");
  } catch {
    output = ts.transpileModule(source, { compilerOptions: options, fileName: filename }).outputText;
    fs.writeFileSync(cached + "." + process.pid, output);
    fs.renameSync(cached + "." + process.pid, cached);
  }
  module._compile(output, filename);
};
