export { STAFF_COMMANDS } from "../registry";
export { staffActions } from "./actions";
export { staffHelp, staffMenu, staffRoute } from "./menu";
