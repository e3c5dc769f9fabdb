export { CUSTOMER_COMMANDS } from "../registry";
export { humanFlow } from "./human";
export { typedIntent } from "./intents";
export { customerHelp, customerMenu, trackingRoute } from "./menu";
export { myPickupsFlow } from "./my-pickups";
export { pickupFlow } from "./pickup";
export { customerRoute } from "./route";
export { trackFlow } from "./track";
