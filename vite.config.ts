import { fileURLToPath } from "node:url";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

const webRoot = fileURLToPath(new URL("./web", import.meta.url));

export default defineConfig({
  root: webRoot,
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL("./web/dist", import.meta.url)),
    emptyOutDir: true,
    rolldownOptions: {
      output: {
        // Libraries every page needs change less often than the app, so they get chunks of their own
        // that stay cached across releases. antd is left to the automatic split: pages load only the
        // components they use (the table, for one, is not needed to sign in).
        codeSplitting: {
          groups: [
            { name: "react", test: /node_modules[\\/](react|react-dom|scheduler)[\\/]/, priority: 2 },
            {
              name: "vendor",
              test: /node_modules[\\/](zod|i18next|react-i18next|dayjs|@tanstack)[\\/]/,
              priority: 1,
            },
          ],
        },
      },
    },
  },
  server: {
    // The API runs as a separate process in development; the browser only ever talks to one origin.
    // The Host header is kept so the API's same-origin check sees the origin the browser used.
    proxy: { "/api": { target: "http://localhost:3000", changeOrigin: false } },
  },
});
