// The sales dashboard's strings, merged into the main catalogue by en-US.ts; sales.zh-CN.ts must
// match this shape exactly.
export const salesEnUS = {
  sales: {
    title: "Sales, last 12 months",
    scopeOwn: "Your confirmed orders",
    scopeTeam: "Your team's confirmed orders",
    scopeAll: "All confirmed orders",
    total: "Total",
    orders: "Orders",
    amount: "Amount",
    month: "Month",
    topCountries: "Top countries",
    topReps: "Top reps",
    country: "Country",
    rep: "Rep",
    empty: "No confirmed orders in the last 12 months. Orders count here once they are confirmed.",
    unconverted: "Not in the totals, confirmed without an exchange rate to {{currency}}: {{amounts}}",
    chartLabel: "Sales by month in {{currency}}",
  },
};

export type SalesMessages = typeof salesEnUS;
