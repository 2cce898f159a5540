export { httpDriver, type Send } from "./http-driver.js";
