// `npm run deployment -- [--dir DIR]`: starts a standing deployment (standing-deployment.ts), prints its
// ports, files, the MIMI client's and curl's command lines, and runs until Ctrl-C.
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { StandingDeployment } from "./standing-deployment.js";

const USAGE = "usage: npm run deployment -- [--dir DIR]   (default DIR: $TMPDIR/mimi-deployment)";

async function main(): Promise<number> {
  let dir: string;
  try {
    const { values } = parseArgs({ args: process.argv.slice(2), strict: true, allowPositionals: false, options: { dir: { type: "string" }, help: { type: "boolean", default: false } } });
    if (values.help) {
      console.log(USAGE);
      return 0;
    }
    dir = values.dir ?? join(tmpdir(), "mimi-deployment");
  } catch (e) {
    console.error(`${e instanceof Error ? e.message : String(e)}\n${USAGE}`);
    return 2;
  }
  const deployment = await StandingDeployment.start(dir);
  const { hub, followers, ports, consolePort, files } = deployment.descriptor;
  const client = `npm run mimi-client -- --dir ${dir}`;
  console.log(
    [
      "MIMI deployment on 127.0.0.1, mutual TLS with the CA below:",
      ...[hub, ...followers].map((d) => `  ${d.padEnd(12)} https://${d}:${ports[d]}${d === hub ? "   (hub)" : ""}`),
      `  console      https://console.example:${consolePort}/console   (operator's, outside MIMI)`,
      `files: ${files.ca}, ${files.cert}, ${files.key}, ${join(dir, "deployment.json")}`,
      "",
      "try:",
      `  ${client} create-room clubhouse alice@${hub}`,
      `  ${client} add clubhouse alice@${hub} bob@${followers[0]}`,
      `  ${client} add clubhouse bob@${followers[0]} cathy@${followers[1]}`,
      `  ${client} send clubhouse cathy@${followers[1]} "hello from ${followers[1]}"`,
      `  ${client} show clubhouse`,
      "",
      "curl:",
      ...deployment.curlLines().map((l) => `  ${l}`),
      "",
      "ready (Ctrl-C stops)",
    ].join("\n"),
  );
  await new Promise<void>((resolve) => {
    process.once("SIGINT", () => resolve());
    process.once("SIGTERM", () => resolve());
  });
  await deployment.close();
  console.log("stopped");
  return 0;
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(e instanceof Error ? (e.stack ?? e.message) : String(e));
    process.exit(1);
  },
);
