import { defineMessages } from "./catalogue";

export const jobs = defineMessages({}, {});
