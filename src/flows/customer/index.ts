export { CUSTOMER_COMMANDS } from "../registry";
export { humanFlow } from "./human";
export { customerHelp, customerMenu, customerRoute, trackingRoute } from "./menu";
export { myPickupsFlow } from "./my-pickups";
export { pickupFlow } from "./pickup";
export { trackFlow } from "./track";
