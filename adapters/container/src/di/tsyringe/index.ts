export { registerHotpatch, resolveHotpatch } from "./register-hotpatch.js";
export * from "../tokens.js";
