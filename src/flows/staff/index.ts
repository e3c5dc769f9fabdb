export { STAFF_COMMANDS } from "../registry";
export { staffActions } from "./actions";
export { staffGreeting, staffHelp, staffMenu, staffRoute } from "./menu";
