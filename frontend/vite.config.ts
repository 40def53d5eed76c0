// Builds the viewer as one ES module and one stylesheet with stable names, straight into
// the Django static folder, so that `make run` serves them without Node.
import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";

const outDir = fileURLToPath(new URL("../static/diagrams", import.meta.url));

export default defineConfig({
  build: {
    outDir,
    emptyOutDir: true,
    target: "es2022",
    // Left readable: the bundle is committed, and reviewers read its diffs.
    minify: false,
    lib: {
      entry: fileURLToPath(new URL("src/main.ts", import.meta.url)),
      formats: ["es"],
      fileName: () => "viewer.js",
      cssFileName: "viewer",
    },
  },
});
