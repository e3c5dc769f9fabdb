// `npm run bench`: prints throughput figures; nothing here asserts a timing.
import { run as ingest } from "./ingest";

await ingest();
