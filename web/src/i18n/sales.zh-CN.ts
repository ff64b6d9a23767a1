import type { SalesMessages } from "./sales.en-US";

// `satisfies SalesMessages` on a fresh literal rejects both missing and extra keys at every depth.
export const salesZhCN = {
  sales: {
    title: "近 12 个月销售",
    scopeOwn: "您已确认的订单",
    scopeTeam: "您团队已确认的订单",
    scopeAll: "全部已确认订单",
    total: "合计",
    orders: "订单数",
    amount: "金额",
    month: "月份",
    topCountries: "主要国家",
    topReps: "业务员排名",
    country: "国家",
    rep: "业务员",
    empty: "近 12 个月没有已确认的订单。订单确认后计入此处。",
    unconverted: "未计入合计（确认时没有到 {{currency}} 的汇率）：{{amounts}}",
    chartLabel: "按月销售额（{{currency}}）",
  },
} satisfies SalesMessages;
