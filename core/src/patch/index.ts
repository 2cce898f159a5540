// Binary patches of the JS / Hermes bundle (docs/patches.md). A separate entry (`@hotpatch/core/patch`)
// so that handlers which never apply patches do not bundle the pure-JS Brotli decoder; a client imports
// only `@hotpatch/core/patch/apply`.
export * from "./patch-error.js";
export * from "./patch-limits.js";
export { PATCH_MAGIC, PATCH_FORMAT_VERSION, PATCH_ALGORITHMS, PATCH_CONTENT_TYPE, readPatchHeader, type PatchAlgorithm, type PatchHeader } from "./patch-format.js";
export * from "./create-patch.js";
export * from "./apply-patch.js";
