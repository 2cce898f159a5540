export { hotpatchModule, createHotpatchContainer, resolveHotpatch } from "./hotpatch-module.js";
export * from "../tokens.js";
