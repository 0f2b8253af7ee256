// `npm start` builds the web app only when its sources are newer than the last build,
// so a restart does not pay for a rebuild.
import { execSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";

const web = new URL("../packages/web/", import.meta.url).pathname;
const built = join(web, "dist/index.html");

function newest(path) {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(0, ...readdirSync(path).map((name) => newest(join(path, name))));
}

const sources = ["src", "scripts", "index.html", "vite.config.ts", "package.json", "../core/src"].map((p) => join(web, p));
if (!existsSync(built) || Math.max(...sources.map(newest)) > statSync(built).mtimeMs) {
  console.log("Building the web app…");
  execSync("npm run build -w @medbridge/web", { stdio: "inherit" });
}
