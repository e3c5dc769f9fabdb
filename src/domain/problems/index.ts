// The problem-parcel area (SOP-30..SOP-45): what flows and adapters may use of it.
export * from "./taxonomy";
