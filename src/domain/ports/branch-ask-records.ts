/**
 * SOP-13: a query raised by an agent to another branch (交互信息), kept until that branch's answer
 * is recorded. `queryId`: the customer's query it was raised from, when there is one (the customer's
 * query shows it is waiting on it, queries/branch-asks.ts).
 */
export interface BranchAsk {
  id: string;
  trackingNo: string;
  /** The branch asked, as the agent typed it (the network's branches are not in the directory). */
  branch: string;
  question: string;
  queryId: string | null;
  askedBy: string;
  askedAt: Date;
  /** When the other branch's answer is due (SOP-11's feedback time): the reminder fires then. */
  dueAt: Date;
  status: "open" | "answered";
  answer: string | null;
  answeredAt: Date | null;
  /** The agent who recorded the answer. */
  answeredBy: string | null;
}

export interface BranchAskRepository {
  insert(ask: BranchAsk): Promise<void>;
  get(id: string): Promise<BranchAsk | undefined>;
  /** Open asks, the earliest due first, at most `limit`. */
  listOpen(limit: number): Promise<BranchAsk[]>;
  /** Every ask raised from this query, the earliest first. */
  listByQuery(queryId: string): Promise<BranchAsk[]>;
  /** Records the answer of an open ask (compare and set on status): undefined when it is not open. */
  recordAnswer(
    id: string,
    answer: { answer: string; answeredAt: Date; answeredBy: string },
  ): Promise<BranchAsk | undefined>;
}
