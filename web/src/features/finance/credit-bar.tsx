import { Progress } from "antd";
import type { CREDIT_LEVELS } from "../../../../shared/schemas/credit";

type Level = (typeof CREDIT_LEVELS)[number];

// Past 100% the bar stays full and turns red; the figure beside it says by how much.
export function CreditBar({ percent, level }: { percent: number; level: Level }) {
  return (
    <Progress
      percent={Math.min(percent, 100)}
      format={() => `${percent}%`}
      status={level === "over" ? "exception" : level === "warning" ? "active" : "normal"}
      strokeColor={level === "warning" ? "#faad14" : undefined}
      size="small"
      aria-label={`${percent}%`}
    />
  );
}
