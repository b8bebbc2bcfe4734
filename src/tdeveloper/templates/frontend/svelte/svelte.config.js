import { vitePreprocess } from "@sveltejs/vite-plugin-svelte";

/** TypeScript in <script lang="ts">, for the compiler and for svelte-check. */
export default {
  preprocess: vitePreprocess(),
};
