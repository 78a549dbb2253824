// Runs the MDN HTTP Observatory's own scan() on each host:port given, in one Node process (its
// start-up, importing jsdom, costs more than a loopback scan), and prints one JSON object:
// host:port -> {grade, score, results: {test: result}} or {error}.
const [packageDir, ...targets] = process.argv.slice(2);
const { scan } = await import(packageDir + "/src/scanner/index.js");
const out = {};
for (const target of targets) {
  try {
    const r = await scan(target);
    const results = {};
    for (const [name, test] of Object.entries(r.tests)) {
      results[name] = test.result;
    }
    out[target] = { grade: r.scan.grade, score: r.scan.score, results };
  } catch (e) {
    out[target] = { error: e instanceof Error ? e.message : String(e) };
  }
}
console.log(JSON.stringify(out));
